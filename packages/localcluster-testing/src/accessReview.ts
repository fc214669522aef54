import {
  AuthorizationV1Api,
  KubeConfig,
  V1SubjectAccessReviewStatus,
} from '@kubernetes/client-node';
import { PLATFORM_NAMESPACE } from './specs';
import { apiErrorMessage, isApiError } from './testUtils';

/** What a {@link reviewAccess} asks about: a resource request or a non-resource URL. */
export type AccessQuery =
  | {
      verb: string;
      group?: string;
      resource: string;
      subresource?: string;
      namespace?: string;
      name?: string;
    }
  | { verb: string; path: string };

/** The Kubernetes user name of a ServiceAccount in {@link PLATFORM_NAMESPACE}. */
export function platformServiceAccountUser(serviceAccount: string): string {
  return `system:serviceaccount:${PLATFORM_NAMESPACE}:${serviceAccount}`;
}

/** The groups the API server gives every token of a ServiceAccount in {@link PLATFORM_NAMESPACE}. */
export const PLATFORM_SERVICE_ACCOUNT_GROUPS = [
  'system:serviceaccounts',
  `system:serviceaccounts:${PLATFORM_NAMESPACE}`,
  'system:authenticated',
] as const;

/**
 * Asks the API server, with a SubjectAccessReview created through `kc`,
 * whether `user` (in `groups`) may do `query`. Without groups only bindings
 * naming the user count, which shows which role grants a permission.
 */
export async function reviewAccess(
  kc: KubeConfig,
  user: string,
  groups: readonly string[],
  query: AccessQuery,
): Promise<V1SubjectAccessReviewStatus> {
  const spec =
    'path' in query
      ? { nonResourceAttributes: { path: query.path, verb: query.verb } }
      : {
          resourceAttributes: {
            verb: query.verb,
            group: query.group ?? '',
            resource: query.resource,
            subresource: query.subresource,
            namespace: query.namespace,
            name: query.name,
          },
        };
  const review = await kc
    .makeApiClient(AuthorizationV1Api)
    .createSubjectAccessReview({
      body: { spec: { user, groups: [...groups], ...spec } },
    });
  return review.status ?? { allowed: false };
}

/** One line naming a query, for test titles and messages. */
export function describeAccess(query: AccessQuery): string {
  if ('path' in query) {
    return `${query.verb} ${query.path}`;
  }
  const resource = [
    query.group ? `${query.resource}.${query.group}` : query.resource,
    query.subresource,
  ]
    .filter(Boolean)
    .join('/');
  const name = query.name ? ` ${query.name}` : '';
  const where = query.namespace ? ` in ${query.namespace}` : '';
  return `${query.verb} ${resource}${name}${where}`;
}

/** Resolves to the API error message of a call that must be refused with 403 Forbidden. */
export async function expectForbidden(call: Promise<unknown>): Promise<string> {
  let error: unknown;
  try {
    await call;
  } catch (e) {
    error = e;
  }
  if (!isApiError(error, 403)) {
    throw new Error(
      error
        ? `expected 403 Forbidden, got ${apiErrorMessage(error)}`
        : 'expected 403 Forbidden, but the call succeeded',
    );
  }
  return apiErrorMessage(error);
}
