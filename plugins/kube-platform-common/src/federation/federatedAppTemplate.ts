import { z } from 'zod';
import { isQuantity } from '../quantity';

/** Largest JSON size of one template object: it is stored in the database. */
export const MAX_TEMPLATE_OBJECT_BYTES = 64 * 1024;
/** Most ConfigMaps one federated app may carry. */
export const MAX_TEMPLATE_CONFIG_MAPS = 10;

/** Why a Secret may not be part of a federated app template. */
export const SECRET_REFUSED_MESSAGE =
  'Secrets are refused in a federated app template: they would be stored in the database. Create them per cluster instead';

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A DNS-1123 label such as a namespace or app name. */
export const dnsLabelSchema = z
  .string()
  .min(1)
  .max(63)
  .regex(
    DNS_1123_LABEL,
    'must be a DNS-1123 label: lower-case letters, digits and -',
  );

const objectNameSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(DNS_1123_SUBDOMAIN, 'must be a DNS-1123 subdomain');

const stringMapSchema = z.record(z.string().max(253), z.string().max(4096));

const metadataSchema = z
  .object({
    name: objectNameSchema.optional(),
    labels: stringMapSchema.optional(),
    annotations: stringMapSchema.optional(),
  })
  .strict();

const quantityMapSchema = z.record(
  z.string().max(253),
  z
    .union([z.string(), z.number()])
    .refine(
      value => typeof value === 'number' || isQuantity(value),
      'must be a Kubernetes quantity such as 500m, 2 or 4Gi',
    ),
);

const containerSchema = z
  .object({
    name: dnsLabelSchema,
    image: z.string().min(1).max(512),
    resources: z
      .object({ requests: quantityMapSchema, limits: quantityMapSchema })
      .partial()
      .strict()
      .optional(),
  })
  .passthrough();

const podSpecSchema = z
  .object({
    containers: z.array(containerSchema).min(1).max(20),
    initContainers: z.array(containerSchema).max(20).optional(),
  })
  .passthrough();

const deploymentSpecSchema = z
  .object({
    replicas: z.number().int().min(0).optional(),
    selector: z.object({ matchLabels: stringMapSchema }).strict().optional(),
    template: z
      .object({
        metadata: z
          .object({ labels: stringMapSchema, annotations: stringMapSchema })
          .partial()
          .strict()
          .optional(),
        spec: podSpecSchema,
      })
      .strict(),
  })
  .passthrough();

/** The Deployment of a federated app; namespace and replicas are set per cluster. */
export const federatedDeploymentTemplateSchema = boundedObject(
  z
    .object({
      apiVersion: z.literal('apps/v1'),
      kind: z.literal('Deployment'),
      metadata: metadataSchema.optional(),
      spec: deploymentSpecSchema,
    })
    .strict(),
);

/** An optional Service in front of the Deployment's pods. */
export const federatedServiceTemplateSchema = boundedObject(
  z
    .object({
      apiVersion: z.literal('v1'),
      kind: z.literal('Service'),
      metadata: metadataSchema.optional(),
      spec: z.object({}).passthrough(),
    })
    .strict(),
);

/** A ConfigMap shipped with the app; a Secret here is refused. */
export const federatedConfigMapTemplateSchema = boundedObject(
  z
    .object({
      apiVersion: z.literal('v1'),
      kind: z.literal('ConfigMap', {
        errorMap: (issue, ctx) => ({
          message:
            ctx.data === 'Secret'
              ? SECRET_REFUSED_MESSAGE
              : `must be ConfigMap (${issue.message ?? ctx.defaultError})`,
        }),
      }),
      metadata: metadataSchema.extend({ name: objectNameSchema }).strict(),
      data: stringMapSchema.optional(),
      binaryData: stringMapSchema.optional(),
      immutable: z.boolean().optional(),
    })
    .strict(),
);

/** The objects a federated app renders on every target cluster. */
export const federatedAppTemplateSchema = z
  .object({
    deployment: federatedDeploymentTemplateSchema,
    service: federatedServiceTemplateSchema.optional(),
    configMaps: z
      .array(federatedConfigMapTemplateSchema)
      .max(MAX_TEMPLATE_CONFIG_MAPS)
      .optional(),
    secrets: z
      .undefined({ errorMap: () => ({ message: SECRET_REFUSED_MESSAGE }) })
      .optional(),
  })
  .strict()
  .superRefine((template, ctx) => {
    const names = new Set<string>();
    (template.configMaps ?? []).forEach((cm, index) => {
      if (names.has(cm.metadata.name)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['configMaps', index, 'metadata', 'name'],
          message: `duplicate ConfigMap ${cm.metadata.name}`,
        });
      }
      names.add(cm.metadata.name);
    });
    checkSelectorMatchesPods(template.deployment, ctx);
  });

/** A Deployment template as validated. */
export type FederatedDeploymentTemplate = z.infer<
  typeof federatedDeploymentTemplateSchema
>;
/** A Service template as validated. */
export type FederatedServiceTemplate = z.infer<
  typeof federatedServiceTemplateSchema
>;
/** A ConfigMap template as validated. */
export type FederatedConfigMapTemplate = z.infer<
  typeof federatedConfigMapTemplateSchema
>;
/** The template of a federated app. */
export type FederatedAppTemplate = z.infer<typeof federatedAppTemplateSchema>;

/** Refuses objects whose JSON is larger than {@link MAX_TEMPLATE_OBJECT_BYTES}. */
function boundedObject<T extends z.ZodTypeAny>(schema: T) {
  return z
    .unknown()
    .superRefine((value, ctx) => {
      const size = new TextEncoder().encode(
        JSON.stringify(value ?? null),
      ).length;
      if (size > MAX_TEMPLATE_OBJECT_BYTES) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `object is ${size} bytes; at most ${MAX_TEMPLATE_OBJECT_BYTES} are stored`,
          fatal: true,
        });
      }
    })
    .pipe(schema);
}

function checkSelectorMatchesPods(
  deployment: FederatedDeploymentTemplate,
  ctx: z.RefinementCtx,
): void {
  const selector = deployment.spec.selector?.matchLabels ?? {};
  const podLabels = deployment.spec.template.metadata?.labels ?? {};
  for (const [key, value] of Object.entries(selector)) {
    if (key in podLabels && podLabels[key] !== value) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['deployment', 'spec', 'template', 'metadata', 'labels', key],
        message: `must equal the selector's ${key}=${value}`,
      });
    }
  }
}
