import type { LabelSelector } from './labelSelector';

/** Result of reading a kubectl-style label selector typed by the user. */
export type LabelSelectorQueryResult =
  | { selector: LabelSelector }
  | { error: string };

// Label keys may carry a DNS prefix (`kube-platform.io/tenant`); values are simple tokens.
const KEY = '[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?';
const VALUE = '([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?';
const EQUALITY = new RegExp(`^(${KEY})\\s*(==|=|!=)\\s*(${VALUE})$`);
const SET = new RegExp(`^(${KEY})\\s+(in|notin)\\s*\\(([^)]*)\\)$`);
const EXISTS = new RegExp(`^(!?)\\s*(${KEY})$`);

/** Splits on commas that are not inside a `( … )` value list. */
function splitRequirements(query: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of query) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.map(part => part.trim()).filter(part => part.length > 0);
}

/**
 * Reads a kubectl-style label selector such as `region=us-west,environment!=staging`,
 * `region in (us-west,us-east)`, `host` or `!tenant` into a {@link LabelSelector}.
 * An empty query selects everything.
 */
export function parseLabelSelectorQuery(
  query: string,
): LabelSelectorQueryResult {
  const selector: Required<LabelSelector> = {
    matchLabels: {},
    matchExpressions: [],
  };
  for (const requirement of splitRequirements(query)) {
    const equality = EQUALITY.exec(requirement);
    if (equality) {
      const key = equality[1];
      const operator = equality[3];
      const value = equality[4];
      if (operator === '!=') {
        selector.matchExpressions.push({
          key,
          operator: 'NotIn',
          values: [value],
        });
      } else {
        selector.matchLabels[key] = value;
      }
      continue;
    }
    const set = SET.exec(requirement);
    if (set) {
      const values = set[4]
        .split(',')
        .map(value => value.trim())
        .filter(Boolean);
      if (values.length === 0) {
        return {
          error: `"${requirement}" needs at least one value in the parentheses`,
        };
      }
      const operator = set[3] === 'in' ? 'In' : 'NotIn';
      selector.matchExpressions.push({ key: set[1], operator, values });
      continue;
    }
    const exists = EXISTS.exec(requirement);
    if (exists) {
      const operator = exists[1] === '!' ? 'DoesNotExist' : 'Exists';
      selector.matchExpressions.push({ key: exists[2], operator });
      continue;
    }
    return {
      error: `"${requirement}" is not a label requirement; use key=value, key!=value, key in (a,b), key or !key`,
    };
  }
  return { selector };
}
