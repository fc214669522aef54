import type { LabelSelector } from '@kube-platform/plugin-kube-platform-common';

type Requirement = NonNullable<LabelSelector['matchExpressions']>[number];

// Splits at commas outside parentheses: `env in (a,b),app=web` → two requirements.
function splitRequirements(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of value) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

function parseRequirement(
  text: string,
): { key: string; value: string } | Requirement | undefined {
  const set = /^([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)$/i.exec(text);
  if (set) {
    return {
      key: set[1],
      operator: set[2].toLowerCase() === 'in' ? 'In' : 'NotIn',
      values: set[3]
        .split(',')
        .map(v => v.trim())
        .filter(Boolean),
    };
  }
  const notEqual = /^([^\s!=]+)\s*!=\s*(\S*)$/.exec(text);
  if (notEqual) {
    return { key: notEqual[1], operator: 'NotIn', values: [notEqual[2]] };
  }
  const equal = /^([^\s!=]+)\s*==?\s*(\S*)$/.exec(text);
  if (equal) return { key: equal[1], value: equal[2] };
  const absent = /^!([^\s!=]+)$/.exec(text);
  if (absent) return { key: absent[1], operator: 'DoesNotExist' };
  if (/^[^\s!=(),]+$/.test(text)) return { key: text, operator: 'Exists' };
  return undefined;
}

/**
 * Parses a Kubernetes label selector string, as the stock Kubernetes plugin's
 * `backstage.io/kubernetes-label-selector` annotation holds it (`app=web,tier
 * in (front,edge),!canary`). Undefined when it is empty or not a selector (such
 * a component claims nothing, rather than everything).
 */
export function parseLabelSelectorAnnotation(
  value: string | undefined,
): LabelSelector | undefined {
  if (!value?.trim()) return undefined;
  const matchLabels: Record<string, string> = {};
  const matchExpressions: Requirement[] = [];
  for (const text of splitRequirements(value)) {
    const requirement = parseRequirement(text);
    if (!requirement) return undefined;
    if ('value' in requirement)
      matchLabels[requirement.key] = requirement.value;
    else matchExpressions.push(requirement);
  }
  return {
    ...(Object.keys(matchLabels).length > 0 ? { matchLabels } : {}),
    ...(matchExpressions.length > 0 ? { matchExpressions } : {}),
  };
}
