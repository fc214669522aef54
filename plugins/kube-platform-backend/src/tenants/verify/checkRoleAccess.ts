import type { IsolationCheck } from '@kube-platform/plugin-kube-platform-common';
import type { AuthorizationV1Api } from '@kubernetes/client-node';
import { checkResult } from './checkResult';
import type {
  AccessExpectation,
  AccessSubject,
  RoleAccessExpectation,
} from './roleAccessExpectations';

// `reason` falls back to `denied` (a boolean) when the server gives no reason.
type AccessAnswer = { allowed: boolean; reason: string | boolean };

/** Asks the API server, by SubjectAccessReview, whether the subject may do it. */
async function reviewAccess(
  authz: AuthorizationV1Api,
  subject: AccessSubject,
  { namespace, verb, resource, group = '' }: AccessExpectation,
): Promise<AccessAnswer> {
  const review = await authz.createSubjectAccessReview({
    body: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec: {
        user: subject.user,
        groups: subject.groups,
        resourceAttributes: { namespace, verb, resource, group },
      },
    },
  });
  return {
    allowed: Boolean(review.status?.allowed),
    reason: review.status?.reason ?? review.status?.denied ?? '',
  };
}

function describeAnswer(e: AccessExpectation, answer: AccessAnswer): string {
  const verdict = answer.allowed ? 'allowed' : 'denied';
  const reason = answer.reason ? ` (${answer.reason})` : '';
  return `${e.verb} ${e.resource} in ${e.namespace}: ${verdict}${reason}`;
}

function describeSubject(subject: AccessSubject): string {
  const groups = subject.groups?.length ? ` [${subject.groups.join(',')}]` : '';
  return `${subject.user}${groups}`;
}

/** One role's check: passes when every answer is the expected one. */
async function checkRole(
  authz: AuthorizationV1Api,
  role: RoleAccessExpectation,
): Promise<IsolationCheck> {
  const evidence: string[] = [];
  let passed = true;
  for (const e of role.expectations) {
    const answer = await reviewAccess(authz, role.subject, e);
    if (answer.allowed !== e.allowed) passed = false;
    evidence.push(describeAnswer(e, answer));
  }
  return checkResult(role.id, role.description)(
    passed,
    `as ${describeSubject(role.subject)}: ${evidence.join('; ')}`,
  );
}

/** Asks the API server about each role's expected access, one role after another. */
export async function checkRoleAccess(
  authz: AuthorizationV1Api,
  roles: RoleAccessExpectation[],
): Promise<IsolationCheck[]> {
  const checks: IsolationCheck[] = [];
  for (const role of roles) checks.push(await checkRole(authz, role));
  return checks;
}
