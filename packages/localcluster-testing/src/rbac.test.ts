import {
  AuthorizationV1Api,
  CoreV1Api,
  RbacAuthorizationV1Api,
  V1Pod,
} from '@kubernetes/client-node';
import {
  DEMO_USERS,
  apiErrorMessage,
  createTestNamespace,
  deleteNamespaces,
  isApiError,
  useLocalClusters,
  waitFor,
} from './index';

jest.setTimeout(90_000);

const bob = DEMO_USERS.bob; // group team-alpha

function pod(name: string): V1Pod {
  return {
    metadata: { name },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
  };
}

// At the top level, so that the clusters outlive the describe block's afterAll.
const clusters = useLocalClusters();

describe('tenant RBAC', () => {
  const namespaces: string[] = [];
  let alphaNs: string;
  let betaNs: string;

  beforeAll(async () => {
    const kc = clusters[0].kubeConfig;
    alphaNs = await createTestNamespace(kc, 'team-alpha');
    betaNs = await createTestNamespace(kc, 'team-beta');
    namespaces.push(alphaNs, betaNs);
    // Members of team-alpha may edit their own namespace only.
    await kc.makeApiClient(RbacAuthorizationV1Api).createNamespacedRoleBinding({
      namespace: alphaNs,
      body: {
        metadata: { name: 'team-alpha-edit' },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: 'edit',
        },
        subjects: [
          {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'Group',
            name: 'team-alpha',
          },
        ],
      },
    });
  });

  afterAll(() => deleteNamespaces(clusters[0].kubeConfig, namespaces));

  it("lets a tenant member create a pod in its namespace and forbids it in another's", async () => {
    const asBob = clusters[0].kubeConfigFor(bob.token).makeApiClient(CoreV1Api);

    // The RBAC authorizer learns about the new RoleBinding through an informer.
    const created = await waitFor(
      () =>
        asBob.createNamespacedPod({ namespace: alphaNs, body: pod('mine') }),
      { description: 'bob to be allowed to create pods' },
    );
    expect(created.metadata?.namespace).toBe(alphaNs);

    let error: unknown;
    try {
      await asBob.createNamespacedPod({
        namespace: betaNs,
        body: pod('theirs'),
      });
    } catch (e) {
      error = e;
    }
    expect(isApiError(error, 403)).toBe(true);
    expect(apiErrorMessage(error)).toContain(
      `User "${bob.name}" cannot create resource "pods" in API group "" in the namespace "${betaNs}"`,
    );
  });

  it('agrees with a SubjectAccessReview made by the admin', async () => {
    const authz = clusters[0].kubeConfig.makeApiClient(AuthorizationV1Api);
    const review = async (namespace: string) =>
      (
        await authz.createSubjectAccessReview({
          body: {
            spec: {
              user: bob.name,
              groups: [...bob.groups, 'system:authenticated'],
              resourceAttributes: {
                namespace,
                verb: 'create',
                resource: 'pods',
              },
            },
          },
        })
      ).status;

    const own = await review(alphaNs);
    expect(own?.allowed).toBe(true);
    expect(own?.reason).toContain('team-alpha-edit');
    const other = await review(betaNs);
    expect(other?.allowed).toBe(false);
  });
});
