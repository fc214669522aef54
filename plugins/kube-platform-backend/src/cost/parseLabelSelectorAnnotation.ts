import {
  type LabelSelector,
  parseLabelSelectorQuery,
} from '@kube-platform/plugin-kube-platform-common';

/**
 * Parses a Kubernetes label selector string, as the stock Kubernetes plugin's
 * `backstage.io/kubernetes-label-selector` annotation holds it (`app=web,tier
 * in (front,edge),!canary`), with {@link parseLabelSelectorQuery}. Undefined
 * when it is empty or not a selector (such a component claims nothing, rather
 * than everything).
 */
export function parseLabelSelectorAnnotation(
  value: string | undefined,
): LabelSelector | undefined {
  const parsed = parseLabelSelectorQuery(value ?? '');
  if ('error' in parsed) return undefined;
  const { matchLabels = {}, matchExpressions = [] } = parsed.selector;
  if (Object.keys(matchLabels).length === 0 && matchExpressions.length === 0) {
    return undefined;
  }
  return {
    ...(Object.keys(matchLabels).length > 0 ? { matchLabels } : {}),
    ...(matchExpressions.length > 0 ? { matchExpressions } : {}),
  };
}
