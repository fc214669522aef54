import { z } from 'zod';

/** Kubernetes label selector requirement operators we support for cluster placement. */
export const labelSelectorOperators = [
  'In',
  'NotIn',
  'Exists',
  'DoesNotExist',
] as const;

/** A Kubernetes-style label selector, as used by KubeFed placement. */
export const labelSelectorSchema = z
  .object({
    matchLabels: z.record(z.string(), z.string()).optional(),
    matchExpressions: z
      .array(
        z
          .object({
            key: z.string().min(1),
            operator: z.enum(labelSelectorOperators),
            values: z.array(z.string()).optional(),
          })
          .strict()
          .superRefine((req, ctx) => {
            const needsValues =
              req.operator === 'In' || req.operator === 'NotIn';
            const count = req.values?.length ?? 0;
            if (needsValues && count === 0) {
              ctx.addIssue({
                code: z.ZodIssueCode.custom,
                path: ['values'],
                message: `operator ${req.operator} needs at least one value`,
              });
            }
            if (!needsValues && count > 0) {
              ctx.addIssue({
                code: z.ZodIssueCode.custom,
                path: ['values'],
                message: `operator ${req.operator} takes no values`,
              });
            }
          }),
      )
      .optional(),
  })
  .strict();

/** A Kubernetes-style label selector. */
export type LabelSelector = z.infer<typeof labelSelectorSchema>;

/**
 * True when the labels satisfy every part of the selector. An empty selector
 * matches everything, as in Kubernetes.
 */
export function matchesLabelSelector(
  labels: Record<string, string>,
  selector: LabelSelector,
): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) {
      return false;
    }
  }
  for (const req of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, req.key);
    const values = req.values ?? [];
    switch (req.operator) {
      case 'In':
        if (!has || !values.includes(labels[req.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[req.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
