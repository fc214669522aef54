import { z } from 'zod';
import { labelSelectorSchema } from '../labelSelector';
import {
  dnsLabelSchema,
  federatedAppTemplateSchema,
} from './federatedAppTemplate';
import { isForbiddenOverridePath, isJsonPointer } from './jsonPointer';
import { OVERRIDE_OPERATIONS } from './overrides';

/** Most replicas a federated app may ask for in total or per cluster. */
export const MAX_FEDERATED_REPLICAS = 10_000;
/**
 * Largest weight of a cluster. 0 means "only minReplicas"; KubeFed's examples use
 * up to 10000 to mean "nearly everything here", so that is the bound.
 */
export const MAX_CLUSTER_WEIGHT = 10_000;
/** Most clusters one app may name in placement, overrides or preferences. */
export const MAX_FEDERATED_CLUSTERS = 50;
/** Most overrides per cluster. */
export const MAX_OVERRIDES_PER_CLUSTER = 50;
/** Failback cooldown when none is given: 5 minutes. */
export const DEFAULT_FAILOVER_COOLDOWN = '5m';

const clusterNameSchema = dnsLabelSchema;
const replicasSchema = z.number().int().min(0).max(MAX_FEDERATED_REPLICAS);

const groupRefSchema = z
  .string()
  .regex(
    /^group:([a-z0-9][-a-z0-9]*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/,
    'must be a group entity ref such as group:default/name',
  );
const componentRefSchema = z
  .string()
  .regex(
    /^(component:)?([a-z0-9][-a-z0-9]*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/,
    'must be a component entity ref such as component:default/name',
  );

/** Where the app runs: named clusters or a selector over cluster labels, not both. */
export const federatedPlacementSchema = z
  .object({
    clusters: z
      .array(z.object({ name: clusterNameSchema }).strict())
      .min(1)
      .max(MAX_FEDERATED_CLUSTERS)
      .optional(),
    clusterSelector: labelSelectorSchema.optional(),
  })
  .strict()
  .superRefine((placement, ctx) => {
    const both = placement.clusters && placement.clusterSelector;
    const neither = !placement.clusters && !placement.clusterSelector;
    if (both || neither) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'give exactly one of clusters or clusterSelector',
      });
    }
  });

/** One KubeFed override on the app's Deployment. */
export const clusterOverrideSchema = z
  .object({
    op: z.enum(OVERRIDE_OPERATIONS).optional(),
    path: z
      .string()
      .max(512)
      .refine(isJsonPointer, 'must be a JSON pointer such as /spec/replicas')
      .refine(
        path => !isJsonPointer(path) || !isForbiddenOverridePath(path),
        'may not override apiVersion, kind, metadata.name or metadata.namespace',
      ),
    value: z.unknown().optional(),
  })
  .strict()
  .superRefine((override, ctx) => {
    const op = override.op ?? 'replace';
    if (op === 'remove' && override.value !== undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['value'],
        message: 'remove takes no value',
      });
    }
    if (op !== 'remove' && override.value === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['value'],
        message: `${op} needs a value`,
      });
    }
  });

/** Overrides of one cluster. */
export const clusterOverridesSchema = z
  .object({
    clusterName: clusterNameSchema,
    clusterOverrides: z
      .array(clusterOverrideSchema)
      .max(MAX_OVERRIDES_PER_CLUSTER),
  })
  .strict();

/** Scheduling preference of one cluster (or `'*'`). */
export const clusterPreferenceSchema = z
  .object({
    weight: z.number().int().min(0).max(MAX_CLUSTER_WEIGHT).optional(),
    minReplicas: replicasSchema.optional(),
    maxReplicas: replicasSchema.optional(),
  })
  .strict()
  .superRefine((pref, ctx) => {
    if (
      pref.maxReplicas !== undefined &&
      (pref.minReplicas ?? 0) > pref.maxReplicas
    ) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['minReplicas'],
        message: 'must not exceed maxReplicas',
      });
    }
  });

/** KubeFed's ReplicaSchedulingPreference for the app's Deployment. */
export const replicaSchedulingSchema = z
  .object({
    totalReplicas: replicasSchema,
    rebalance: z.boolean().default(false),
    intersectWithClusterSelector: z.boolean().default(false),
    clusters: z
      .record(
        z.union([z.literal('*'), clusterNameSchema]),
        clusterPreferenceSchema,
      )
      .refine(
        clusters => Object.keys(clusters).length <= MAX_FEDERATED_CLUSTERS + 1,
        `at most ${MAX_FEDERATED_CLUSTERS} clusters and "*"`,
      )
      .default({ '*': { weight: 1 } }),
  })
  .strict();

/** Failover off NotReady clusters and failback after a cooldown. */
export const failoverSchema = z
  .object({
    enabled: z.boolean().default(false),
    cooldown: z
      .string()
      .regex(
        /^[1-9]\d{0,4}(s|m|h)$/,
        'must be a duration such as 30s, 5m or 1h',
      )
      .refine(d => {
        if (!/^\d+(s|m|h)$/.test(d)) return true; // the regex above reports it
        const seconds = durationSeconds(d);
        return seconds >= 30 && seconds <= 24 * 3600;
      }, 'must be between 30s and 24h')
      .default(DEFAULT_FAILOVER_COOLDOWN),
  })
  .strict();

/** A federated app as requested: one app on many registered clusters. */
export const federatedAppSchema = z
  .object({
    name: dnsLabelSchema,
    namespace: dnsLabelSchema,
    owner: groupRefSchema,
    component: componentRefSchema.optional(),
    template: federatedAppTemplateSchema,
    placement: federatedPlacementSchema,
    overrides: z
      .array(clusterOverridesSchema)
      .max(MAX_FEDERATED_CLUSTERS)
      .default([]),
    replicaScheduling: replicaSchedulingSchema.optional(),
    failover: failoverSchema.default({}),
  })
  .strict()
  .superRefine((app, ctx) => {
    const seen = new Set<string>();
    app.overrides.forEach((entry, index) => {
      if (seen.has(entry.clusterName)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['overrides', index, 'clusterName'],
          message: `cluster ${entry.clusterName} already has overrides`,
        });
      }
      seen.add(entry.clusterName);
      if (!app.replicaScheduling) return;
      entry.clusterOverrides.forEach((override, j) => {
        if (override.path === '/spec/replicas') {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: ['overrides', index, 'clusterOverrides', j, 'path'],
            message:
              'replicas are planned by replicaScheduling; change its preferences instead',
          });
        }
      });
    });
  });

/** A validated federated app, defaults applied. */
export type FederatedApp = z.infer<typeof federatedAppSchema>;
/** A federated app as a client sends it, before defaults. */
export type FederatedAppInput = z.input<typeof federatedAppSchema>;
/** A placement as validated. */
export type FederatedPlacement = z.infer<typeof federatedPlacementSchema>;
/** A replica scheduling preference as validated. */
export type ReplicaScheduling = z.infer<typeof replicaSchedulingSchema>;

/** Seconds in a duration such as `30s`, `5m` or `1h`. */
export function durationSeconds(duration: string): number {
  const match = /^(\d+)(s|m|h)$/.exec(duration);
  if (!match) throw new TypeError(`Invalid duration: "${duration}"`);
  const unit = { s: 1, m: 60, h: 3600 }[match[2] as 's' | 'm' | 'h'];
  return Number(match[1]) * unit;
}
