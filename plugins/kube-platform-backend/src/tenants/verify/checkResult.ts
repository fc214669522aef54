import type { IsolationCheck } from '@kube-platform/plugin-kube-platform-common';

/**
 * The result maker of one check: every outcome carries the check's id and
 * description, so only whether it passed and what was observed vary.
 */
export function checkResult(
  id: string,
  description: string,
): (passed: boolean, evidence: string) => IsolationCheck {
  return (passed, evidence) => ({ id, description, passed, evidence });
}
