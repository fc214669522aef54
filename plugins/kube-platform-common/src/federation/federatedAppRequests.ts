import { z } from 'zod';
import {
  clusterPreferenceSchema,
  MAX_FEDERATED_CLUSTERS,
  MAX_FEDERATED_REPLICAS,
} from './federatedApp';
import type { FederatedClusterRefusal } from './federatedAppApi';
import { dnsLabelSchema } from './federatedAppTemplate';

/** Body of `POST /federated-apps/:namespace/:name/migrate`: move the replicas of `from` to `to`. */
export const federatedAppMigrateRequestSchema = z
  .object({ from: dnsLabelSchema, to: dnsLabelSchema })
  .strict()
  .superRefine((body, ctx) => {
    if (body.from === body.to) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['to'],
        message: 'must differ from from',
      });
    }
  });

/** A migration as validated. */
export type FederatedAppMigrateRequest = z.infer<
  typeof federatedAppMigrateRequestSchema
>;

/**
 * Body of `PATCH /federated-apps/:namespace/:name/replicas`: a new total
 * and/or preferences merged into `replicaScheduling.clusters` (a field given
 * replaces that field of the cluster's preference; `'*'` for every other cluster).
 */
export const federatedAppReplicasPatchSchema = z
  .object({
    totalReplicas: z
      .number()
      .int()
      .min(0)
      .max(MAX_FEDERATED_REPLICAS)
      .optional(),
    clusters: z
      .record(
        z.union([z.literal('*'), dnsLabelSchema]),
        clusterPreferenceSchema,
      )
      .refine(
        clusters => Object.keys(clusters).length <= MAX_FEDERATED_CLUSTERS + 1,
        `at most ${MAX_FEDERATED_CLUSTERS} clusters and "*"`,
      )
      .optional(),
  })
  .strict()
  .refine(
    body => body.totalReplicas !== undefined || body.clusters !== undefined,
    'give totalReplicas, clusters or both',
  );

/** A change of replicas as validated. */
export type FederatedAppReplicasPatch = z.infer<
  typeof federatedAppReplicasPatchSchema
>;

/** Answer of `POST /federated-apps/:namespace/:name/plan`: what a deploy would do now, applying nothing. */
export interface FederatedAppPlanResponse {
  /** Clusters the placement selects. */
  targets: string[];
  /** Replicas per cluster a deploy would apply (0 on a cluster held during a failback cooldown). */
  plan: Record<string, number>;
  /** Replicas beyond a cluster's capacity, as the planner reports them. */
  overflow: Record<string, number>;
  /** Replicas the app's Deployment has now per cluster (empty for a new app). */
  current: Record<string, number>;
  /** Targets a deploy would not use now: not Ready, failed over, or no quota headroom. */
  refusals: FederatedClusterRefusal[];
  /** Sum of `plan`. */
  totalReplicas: number;
}
