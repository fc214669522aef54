import { AuthenticationV1Api } from '@kubernetes/client-node';
import {
  AccessQuery,
  PLATFORM_SERVICE_ACCOUNT_GROUPS,
  describeAccess,
  platformServiceAccountUser,
  reviewAccess,
} from './accessReview';
import {
  PLATFORM_IDENTITIES,
  PLATFORM_NAMESPACE,
  useLocalClusters,
} from './index';

// What the Kube Platform backend's identity (deploy/kubernetes/kube-platform-backend.yaml)
// may do, asked of a real API server with SubjectAccessReviews that the
// identity itself creates. platformRbac.test.ts makes the same calls for real.

jest.setTimeout(60_000);

const PLATFORM_USER = platformServiceAccountUser(
  PLATFORM_IDENTITIES.platform.serviceAccount,
);
const RBAC = 'rbac.authorization.k8s.io';
const ADMISSION = 'admissionregistration.k8s.io';
const WRITE = ['create', 'update', 'patch', 'delete'];
const READ = ['get', 'list', 'watch'];
const TENANT_ROLES = ['tenant-admin', 'tenant-developer', 'tenant-viewer'];

const clusters = useLocalClusters();
const cluster = () => clusters[0];
const asPlatform = () => cluster().platformKubeConfig;

type ResourceQuery = Extract<AccessQuery, { resource: string }>;

function each(
  verbs: string[],
  query: Omit<ResourceQuery, 'verb'>,
): ResourceQuery[] {
  return verbs.map(verb => ({ ...query, verb }));
}

describe('the platform identity', () => {
  it('is the kube-platform ServiceAccount', async () => {
    const review = await asPlatform()
      .makeApiClient(AuthenticationV1Api)
      .createSelfSubjectReview({ body: {} });
    expect(review.status?.userInfo?.username).toBe(PLATFORM_USER);
  });

  const tenant = 'any-tenant';
  const allowed: AccessQuery[] = [
    ...each([...READ, ...WRITE], { resource: 'namespaces' }),
    ...each([...READ, ...WRITE], {
      resource: 'resourcequotas',
      namespace: tenant,
    }),
    ...each([...READ, ...WRITE], {
      resource: 'limitranges',
      namespace: tenant,
    }),
    ...each(READ, { resource: 'nodes' }),
    ...each(READ, { resource: 'pods', namespace: tenant }),
    ...each(READ, { resource: 'pods' }),
    // Federated apps' status: Deployments watched in every namespace.
    ...each(READ, { group: 'apps', resource: 'deployments' }),
    ...each(READ, {
      group: 'apps',
      resource: 'deployments',
      namespace: tenant,
    }),
    // Cost: claims, their storage classes, and usage from metrics-server.
    ...each(READ, { resource: 'persistentvolumeclaims' }),
    ...each(READ, { group: 'storage.k8s.io', resource: 'storageclasses' }),
    ...each(['get', 'list'], { group: 'metrics.k8s.io', resource: 'pods' }),
    ...each(['get', 'list'], { group: 'metrics.k8s.io', resource: 'nodes' }),
    ...each([...READ, ...WRITE], {
      group: 'networking.k8s.io',
      resource: 'networkpolicies',
      namespace: tenant,
    }),
    ...each([...READ, ...WRITE], {
      group: RBAC,
      resource: 'roles',
      namespace: tenant,
    }),
    ...each([...READ, ...WRITE], {
      group: RBAC,
      resource: 'rolebindings',
      namespace: tenant,
    }),
    ...TENANT_ROLES.flatMap(name =>
      each(['escalate', 'bind'], {
        group: RBAC,
        resource: 'roles',
        namespace: tenant,
        name,
      }),
    ),
    ...each([...READ, ...WRITE], {
      group: ADMISSION,
      resource: 'validatingadmissionpolicies',
    }),
    ...each([...READ, ...WRITE], {
      group: ADMISSION,
      resource: 'validatingadmissionpolicybindings',
    }),
    {
      verb: 'create',
      group: 'authorization.k8s.io',
      resource: 'subjectaccessreviews',
    },
    ...['/version', '/readyz', '/livez', '/healthz'].map(path => ({
      verb: 'get',
      path,
    })),
    ...each([...READ, ...WRITE], {
      resource: 'serviceaccounts',
      namespace: PLATFORM_NAMESPACE,
    }),
    {
      verb: 'create',
      resource: 'serviceaccounts',
      subresource: 'token',
      namespace: PLATFORM_NAMESPACE,
    },
  ];

  // No groups: only bindings naming the ServiceAccount count, so the reason
  // shows that the shipped role grants it, not some default binding.
  it.each(allowed.map(q => [describeAccess(q), q] as const))(
    'may %s (SubjectAccessReview)',
    async (_title, query) => {
      const status = await reviewAccess(asPlatform(), PLATFORM_USER, [], query);
      expect(status.allowed).toBe(true);
      expect(status.reason).toContain('"kube-platform-backend');
    },
  );

  const denied: AccessQuery[] = [
    ...each(['get', 'list', 'watch'], {
      resource: 'secrets',
      namespace: 'kube-system',
    }),
    ...each(['get', 'list'], { resource: 'secrets', namespace: tenant }),
    ...each(['get', 'list'], {
      resource: 'secrets',
      namespace: PLATFORM_NAMESPACE,
    }),
    ...each(WRITE, { resource: 'pods', namespace: tenant }),
    { verb: 'get', resource: 'pods', subresource: 'log', namespace: tenant },
    // Workloads are read for status and cost, never written by the platform.
    ...each(WRITE, {
      group: 'apps',
      resource: 'deployments',
      namespace: tenant,
    }),
    ...each(['update', 'patch'], {
      group: 'apps',
      resource: 'deployments',
      subresource: 'scale',
      namespace: tenant,
    }),
    ...each(WRITE, {
      resource: 'persistentvolumeclaims',
      namespace: tenant,
    }),
    ...each(WRITE, { group: 'storage.k8s.io', resource: 'storageclasses' }),
    ...each(['watch', 'create'], { group: 'metrics.k8s.io', resource: 'pods' }),
    {
      verb: 'create',
      resource: 'pods',
      subresource: 'exec',
      namespace: tenant,
    },
    ...each(['create', 'update', 'patch', 'escalate', 'bind'], {
      group: RBAC,
      resource: 'clusterroles',
    }),
    {
      verb: 'bind',
      group: RBAC,
      resource: 'clusterroles',
      name: 'cluster-admin',
    },
    { verb: 'create', group: RBAC, resource: 'clusterrolebindings' },
    ...each(['escalate', 'bind'], {
      group: RBAC,
      resource: 'roles',
      namespace: tenant,
      name: 'other',
    }),
    {
      verb: 'create',
      resource: 'serviceaccounts',
      subresource: 'token',
      namespace: 'kube-system',
    },
    {
      verb: 'create',
      resource: 'serviceaccounts',
      subresource: 'token',
      namespace: tenant,
    },
    { verb: 'create', resource: 'serviceaccounts', namespace: tenant },
    { verb: 'impersonate', resource: 'users' },
    {
      verb: 'create',
      group: 'certificates.k8s.io',
      resource: 'certificatesigningrequests',
    },
    { verb: 'update', resource: 'nodes' },
  ];

  // With the groups every token of the ServiceAccount carries: nothing grants these.
  it.each(denied.map(q => [describeAccess(q), q] as const))(
    'may not %s (SubjectAccessReview)',
    async (_title, query) => {
      const status = await reviewAccess(
        cluster().kubeConfig,
        PLATFORM_USER,
        PLATFORM_SERVICE_ACCOUNT_GROUPS,
        query,
      );
      expect(status.allowed).toBe(false);
    },
  );
});
