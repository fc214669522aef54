import { z } from 'zod';
import { isQuantity, parseQuantity } from '../quantity';
import {
  MAX_CLUSTER_WEIGHT,
  MAX_FEDERATED_CLUSTERS,
  MAX_FEDERATED_REPLICAS,
  failoverSchema,
  federatedAppSchema,
} from './federatedApp';
import { dnsLabelSchema } from './federatedAppTemplate';

/** Most environment variables the form sets on the container, or per cluster. */
export const MAX_FORM_ENV = 50;
/** Most container ports the form exposes. */
export const MAX_FORM_PORTS = 10;

/** Forms send `''` for a text field left empty; treat it as absent. */
const blankAsAbsent = (value: unknown) => (value === '' ? undefined : value);
const optionalText = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess(blankAsAbsent, schema.optional());

const appShape = federatedAppSchema.innerType().shape;

/**
 * A cluster as the form names it: its name, or the ref of its catalog entity
 * (`resource:default/cluster-1`), as the template's cluster pickers return it.
 */
export function clusterNameOf(value: string): string {
  const match = /^resource:(?:[^/]+\/)?(.+)$/i.exec(value);
  return match ? match[1] : value;
}

const clusterSchema = z.preprocess(
  value => (typeof value === 'string' ? clusterNameOf(value) : value),
  dnsLabelSchema,
);

const portSchema = z.number().int().min(1).max(65535);
const quantitySchema = z
  .string()
  .refine(isQuantity, 'must be a Kubernetes quantity such as 500m, 2 or 4Gi');
const cpuMemorySchema = z
  .object({
    cpu: optionalText(quantitySchema),
    memory: optionalText(quantitySchema),
  })
  .strict();

const envSchema = z
  .array(
    z
      .object({
        name: z
          .string()
          .min(1)
          .max(253)
          .regex(
            /^[-._a-zA-Z][-._a-zA-Z0-9]*$/,
            'must be an environment variable name: letters, digits, _ . -, not starting with a digit',
          ),
        value: z.string().max(4096).default(''),
      })
      .strict(),
  )
  .max(MAX_FORM_ENV)
  .superRefine((env, ctx) => refuseDuplicates(env, e => e.name, 'name', ctx));

const labelNameRegex = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const labelKeySchema = z
  .string()
  .max(317)
  .refine(key => {
    const slash = key.lastIndexOf('/');
    const prefix = slash < 0 ? undefined : key.slice(0, slash);
    const name = slash < 0 ? key : key.slice(slash + 1);
    const prefixOk =
      prefix === undefined ||
      /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(
        prefix,
      );
    return prefixOk && labelNameRegex.test(name);
  }, 'must be a label key such as region or topology.kubernetes.io/region');
const labelValueSchema = z
  .string()
  .refine(
    value => value === '' || labelNameRegex.test(value),
    'must be a label value: up to 63 letters, digits, - _ .',
  );

const imageTagSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/,
    'must be an image tag such as 1.27 or v2-canary',
  );

/** One cluster's changes in the form: image tag, pinned replicas, extra or changed env. */
export const federatedAppFormOverrideSchema = z
  .object({
    cluster: clusterSchema,
    imageTag: optionalText(imageTagSchema),
    replicas: z.number().int().min(0).max(MAX_FEDERATED_REPLICAS).optional(),
    env: envSchema.optional(),
  })
  .strict();

const formFieldsSchema = z.object({
  name: dnsLabelSchema,
  namespace: dnsLabelSchema,
  owner: appShape.owner,
  component: optionalText(appShape.component),
  image: z
    .string()
    .min(1)
    .max(512)
    .regex(/^\S+$/, 'must be an image reference without spaces'),
  containerPort: optionalText(portSchema),
  containerPorts: z.array(portSchema).max(MAX_FORM_PORTS).optional(),
  resources: z
    .object({
      requests: cpuMemorySchema.optional(),
      limits: cpuMemorySchema.optional(),
    })
    .strict()
    .optional(),
  env: envSchema.optional(),
  placementMode: z.enum(['clusters', 'labels']).optional(),
  clusters: z
    .array(clusterSchema)
    .max(MAX_FEDERATED_CLUSTERS)
    .superRefine((names, ctx) => refuseDuplicates(names, n => n, '', ctx))
    .optional(),
  clusterLabels: z.record(labelKeySchema, labelValueSchema).optional(),
  totalReplicas: z.number().int().min(0).max(MAX_FEDERATED_REPLICAS),
  weights: z
    .array(
      z
        .object({
          cluster: clusterSchema,
          weight: z.number().int().min(0).max(MAX_CLUSTER_WEIGHT),
        })
        .strict(),
    )
    .max(MAX_FEDERATED_CLUSTERS)
    .superRefine((ws, ctx) =>
      refuseDuplicates(ws, w => w.cluster, 'cluster', ctx),
    )
    .optional(),
  overrides: z
    .array(federatedAppFormOverrideSchema)
    .max(MAX_FEDERATED_CLUSTERS)
    .superRefine((os, ctx) =>
      refuseDuplicates(os, o => o.cluster, 'cluster', ctx),
    )
    .optional(),
  failover: z
    .object({
      enabled: z.boolean().default(false),
      cooldown: z.preprocess(blankAsAbsent, failoverSchema.shape.cooldown),
    })
    .strict()
    .default({}),
});

/**
 * What the "deploy a federated app" template collects. Unknown keys are dropped
 * (the template's form carries fields of its own); cross-field rules report the
 * form field at fault.
 */
export const federatedAppFormSchema = formFieldsSchema
  .superRefine(checkPlacement)
  .superRefine(checkPinnedReplicas)
  .superRefine(checkLimitsCoverRequests);

/** The form as the template sends it. */
export type FederatedAppFormInput = z.input<typeof federatedAppFormSchema>;
/** The form as validated. */
export type FederatedAppForm = z.infer<typeof formFieldsSchema>;
/** Ports of the form, deduplicated, in the order given. */
export function formPorts(form: FederatedAppForm): number[] {
  const ports = [
    ...(form.containerPort !== undefined ? [form.containerPort] : []),
    ...(form.containerPorts ?? []),
  ];
  return [...new Set(ports)];
}

/** Clusters named in the form's list placement, or undefined for a label selector. */
export function formPlacementClusters(
  form: FederatedAppForm,
): string[] | undefined {
  return placementKind(form) === 'clusters' ? form.clusters ?? [] : undefined;
}

/** How the form places the app; `placementMode` wins over what else the form still holds. */
export function placementKind(form: FederatedAppForm): 'clusters' | 'labels' {
  if (form.placementMode) return form.placementMode;
  return form.clusterLabels && !form.clusters?.length ? 'labels' : 'clusters';
}
function refuseDuplicates<T>(
  items: T[],
  keyOf: (item: T) => string,
  field: string,
  ctx: z.RefinementCtx,
): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const key = keyOf(item);
    if (seen.has(key)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: field ? [index, field] : [index],
        message: `${key} is given twice`,
      });
    }
    seen.add(key);
  });
}

function checkPlacement(form: FederatedAppForm, ctx: z.RefinementCtx): void {
  const kind = placementKind(form);
  if (kind === 'labels') {
    if (!form.clusterLabels || Object.keys(form.clusterLabels).length === 0) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['clusterLabels'],
        message: 'give at least one cluster label to select clusters by',
      });
    }
    return;
  }
  const placed = new Set(form.clusters ?? []);
  if (placed.size === 0) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['clusters'],
      message: 'give at least one cluster, or select clusters by labels',
    });
    return;
  }
  const notPlaced = (field: 'weights' | 'overrides') =>
    (form[field] ?? []).forEach((entry, index) => {
      if (placed.has(entry.cluster)) return;
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [field, index, 'cluster'],
        message: `${entry.cluster} is not one of the clusters the app is placed on`,
      });
    });
  notPlaced('weights');
  notPlaced('overrides');
}

function checkPinnedReplicas(
  form: FederatedAppForm,
  ctx: z.RefinementCtx,
): void {
  // An invalid total is reported by its own field; comparing with it says nothing.
  if (
    !formFieldsSchema.shape.totalReplicas.safeParse(form.totalReplicas).success
  ) {
    return;
  }
  const pinned = (form.overrides ?? []).reduce(
    (sum, o) => sum + (o.replicas ?? 0),
    0,
  );
  if (pinned > form.totalReplicas) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['totalReplicas'],
      message: `must be at least the ${pinned} replicas pinned by the per-cluster overrides`,
    });
  }
}

function checkLimitsCoverRequests(
  form: FederatedAppForm,
  ctx: z.RefinementCtx,
): void {
  for (const resource of ['cpu', 'memory'] as const) {
    const request = form.resources?.requests?.[resource];
    const limit = form.resources?.limits?.[resource];
    // A malformed quantity is reported by its own field.
    if (!request || !limit || !isQuantity(request) || !isQuantity(limit)) {
      continue;
    }
    if (parseQuantity(limit) < parseQuantity(request)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['resources', 'limits', resource],
        message: `must be at least the request (${request})`,
      });
    }
  }
}
