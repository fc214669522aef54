import type { FederatedAppChangeResult } from '../../api/federationTypes';

/** A change's outcome in words: what was asked, then what the backend did. */
export function describeChange(
  what: string,
  result: FederatedAppChangeResult,
): string {
  const outcome =
    result.result === 'unchanged' ? 'nothing to change' : result.result;
  const plan = result.plan
    ? ` Plan: ${Object.entries(result.plan.plan)
        .map(([cluster, replicas]) => `${cluster} ${replicas}`)
        .join(', ')}.`
    : '';
  return `${what}${outcome ? ` (${outcome})` : ''}.${plan}`;
}
