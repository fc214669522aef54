import {
  type LocalCluster,
  PLATFORM_NAMESPACE,
  uniqueName,
  useLocalClusters,
  waitFor,
} from '@kube-platform/localcluster-testing';
import { createClusterRegistry } from '@kube-platform/plugin-kube-platform-node';
import {
  AuthenticationV1Api,
  CoreV1Api,
  type KubeConfig,
} from '@kubernetes/client-node';
import type { StoredTenant } from '../database/TenantStore';
import { TenantCredentials } from './TenantCredentials';

jest.setTimeout(120_000);

const clusters = useLocalClusters();

function connection(cluster: LocalCluster) {
  return {
    name: cluster.name,
    url: cluster.server,
    caData: cluster.caData,
    skipTLSVerify: false,
    token: cluster.platformToken,
    labels: {},
    host: false,
  };
}

async function whoAmI(kubeConfig: KubeConfig) {
  const review = await kubeConfig
    .makeApiClient(AuthenticationV1Api)
    .createSelfSubjectReview({
      body: {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'SelfSubjectReview',
      },
    });
  return review.status?.userInfo?.username;
}

/** A tenant whose admin ServiceAccount exists in the platform namespace (as provisioning leaves it). */
async function tenantWithAdminIdentity(cluster: LocalCluster) {
  const namespace = uniqueName('creds');
  await cluster.kubeConfig
    .makeApiClient(CoreV1Api)
    .createNamespacedServiceAccount({
      namespace: PLATFORM_NAMESPACE,
      body: { metadata: { name: `${namespace}-admin` } },
    });
  const tenant = {
    cluster: cluster.name,
    name: namespace,
    namespace,
    createdAt: new Date().toISOString(),
  } as StoredTenant;
  return {
    tenant,
    user: `system:serviceaccount:${PLATFORM_NAMESPACE}:${namespace}-admin`,
    remove: () =>
      cluster.kubeConfig
        .makeApiClient(CoreV1Api)
        .deleteNamespacedServiceAccount({
          namespace: PLATFORM_NAMESPACE,
          name: `${namespace}-admin`,
        }),
  };
}

describe('TenantCredentials.kubeConfigFor on a real cluster', () => {
  it('hands out one working identity per tenant role until it is forgotten', async () => {
    const [cluster] = clusters;
    const clusterRegistry = createClusterRegistry([connection(cluster)]);
    const credentials = new TenantCredentials({
      clusterRegistry,
      platformNamespace: PLATFORM_NAMESPACE,
    });
    const { tenant, user, remove } = await tenantWithAdminIdentity(cluster);
    try {
      const [first, concurrent] = await Promise.all([
        credentials.kubeConfigFor(tenant, 'admin'),
        credentials.kubeConfigFor(tenant, 'admin'),
      ]);
      expect(concurrent).toBe(first);
      expect(await credentials.kubeConfigFor(tenant, 'admin')).toBe(first);
      expect(await whoAmI(first)).toBe(user);

      // The tenant created again (same names, new ServiceAccounts): a token of its own.
      const recreated = await credentials.kubeConfigFor(
        { ...tenant, createdAt: new Date(Date.now() + 1000).toISOString() },
        'admin',
      );
      expect(recreated).not.toBe(first);

      credentials.forgetTenant(tenant);
      const afterForget = await credentials.kubeConfigFor(tenant, 'admin');
      expect(afterForget).not.toBe(first);
      expect(afterForget.getCurrentUser()?.token).not.toBe(
        first.getCurrentUser()?.token,
      );
      expect(await whoAmI(afterForget)).toBe(user);
    } finally {
      await remove();
    }
  });

  it('hands out a new identity once the cached one is refused (ServiceAccount created again)', async () => {
    const [cluster] = clusters;
    const credentials = new TenantCredentials({
      clusterRegistry: createClusterRegistry([connection(cluster)]),
      platformNamespace: PLATFORM_NAMESPACE,
    });
    const { tenant, user, remove } = await tenantWithAdminIdentity(cluster);
    try {
      const first = await credentials.kubeConfigFor(tenant, 'admin');
      expect(await whoAmI(first)).toBe(user);

      // Deleted and created again by hand (a drift repair would do the same): new UID, old tokens refused.
      await remove();
      await cluster.kubeConfig
        .makeApiClient(CoreV1Api)
        .createNamespacedServiceAccount({
          namespace: PLATFORM_NAMESPACE,
          body: { metadata: { name: `${tenant.namespace}-admin` } },
        });
      // The API server sees the new ServiceAccount through its informer: a moment later.
      const refusal = await waitFor(
        () =>
          whoAmI(first).then(
            () => undefined,
            (error: { code?: number }) => error,
          ),
        { description: 'the old token refused' },
      );
      expect(refusal.code).toBe(401);

      const second = await credentials.kubeConfigFor(tenant, 'admin');
      expect(second).not.toBe(first);
      expect(await whoAmI(second)).toBe(user);
      expect(await credentials.kubeConfigFor(tenant, 'admin')).toBe(second);
    } finally {
      await remove();
    }
  });

  it('drops the identities of a cluster that left the registry', async () => {
    const [cluster] = clusters;
    const clusterRegistry = createClusterRegistry([]);
    clusterRegistry.replaceClusters('test', [connection(cluster)]);
    const credentials = new TenantCredentials({
      clusterRegistry,
      platformNamespace: PLATFORM_NAMESPACE,
    });
    const { tenant, user, remove } = await tenantWithAdminIdentity(cluster);
    try {
      const before = await credentials.kubeConfigFor(tenant, 'admin');
      clusterRegistry.replaceClusters('test', []);
      clusterRegistry.replaceClusters('test', [connection(cluster)]);

      const after = await credentials.kubeConfigFor(tenant, 'admin');
      expect(after).not.toBe(before);
      expect(await whoAmI(after)).toBe(user);
    } finally {
      await remove();
    }
  });

  it('never reuses the token handed to a person', async () => {
    const [cluster] = clusters;
    const credentials = new TenantCredentials({
      clusterRegistry: createClusterRegistry([connection(cluster)]),
      platformNamespace: PLATFORM_NAMESPACE,
    });
    const { tenant, remove } = await tenantWithAdminIdentity(cluster);
    try {
      const platformUse = await credentials.kubeConfigFor(tenant, 'admin');
      const one = await credentials.requestToken(tenant, 'admin', 600);
      const two = await credentials.requestToken(tenant, 'admin', 600);
      expect(
        new Set([one.token, two.token, platformUse.getCurrentUser()?.token])
          .size,
      ).toBe(3);
    } finally {
      await remove();
    }
  });
});
