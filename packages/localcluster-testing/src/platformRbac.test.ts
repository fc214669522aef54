import {
  AppsV1Api,
  CoreV1Api,
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
  RbacAuthorizationV1Api,
  StorageV1Api,
  V1Deployment,
  V1Pod,
  VersionApi,
} from '@kubernetes/client-node';
import {
  expectForbidden,
  platformServiceAccountUser,
  reviewAccess,
} from './accessReview';
import {
  PLATFORM_IDENTITIES,
  PLATFORM_NAMESPACE,
  deleteNamespaces,
  isApiError,
  uniqueName,
  useLocalClusters,
  waitFor,
} from './index';

// The Kube Platform backend's identity (deploy/kubernetes/kube-platform-backend.yaml)
// making real calls the way the backend does: it provisions a tenant end to
// end, and is refused everything that would let it, or a tenant through it,
// take the cluster. platformAccessReviews.test.ts covers every verb.

jest.setTimeout(120_000);

const PLATFORM_USER = platformServiceAccountUser(
  PLATFORM_IDENTITIES.platform.serviceAccount,
);
const RBAC = 'rbac.authorization.k8s.io';
const ADMISSION = 'admissionregistration.k8s.io';
const TENANT_ROLES = ['tenant-admin', 'tenant-developer', 'tenant-viewer'];
// More than the platform holds: tenants run pods and read their secrets.
const TENANT_RULES = [
  { apiGroups: ['', 'apps'], resources: ['pods', 'deployments'], verbs: ['*'] },
  { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] },
];

const clusters = useLocalClusters();
const cluster = () => clusters[0];
const asPlatform = () => cluster().platformKubeConfig;

/** Server-side apply as the platform, the way the backend writes every object. */
function apply(
  object: KubernetesObject & Record<string, unknown>,
): Promise<KubernetesObject> {
  return KubernetesObjectApi.makeApiClient(asPlatform()).patch(
    object,
    undefined,
    undefined,
    'kube-platform-rbac-test',
    true,
    PatchStrategy.ServerSideApply,
  );
}

function role(namespace: string, name: string) {
  return {
    apiVersion: `${RBAC}/v1`,
    kind: 'Role',
    metadata: { name, namespace },
    rules: TENANT_RULES,
  };
}

function pod(name: string): V1Pod {
  return {
    metadata: { name },
    spec: {
      containers: [{ name: 'app', image: 'registry.example.com/app:1' }],
    },
  };
}

function deployment(name: string): V1Deployment {
  return {
    metadata: {
      name,
      labels: { 'app.kubernetes.io/managed-by': 'kube-platform' },
    },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: pod(name).spec,
      },
    },
  };
}

describe('acting as the platform on a real cluster', () => {
  let namespace: string;
  let policyName: string;
  let roleIdentity: string;

  beforeAll(async () => {
    namespace = uniqueName('rbac-tenant');
    policyName = `${namespace}-registries`;
    roleIdentity = `${namespace}-admin`;
    await apply({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace },
    });
  });

  afterAll(async () => {
    // Whatever a failed test left behind, removed as admin.
    const admin = KubernetesObjectApi.makeApiClient(cluster().kubeConfig);
    const leftovers = [
      {
        apiVersion: `${ADMISSION}/v1`,
        kind: 'ValidatingAdmissionPolicyBinding',
        metadata: { name: policyName },
      },
      {
        apiVersion: `${ADMISSION}/v1`,
        kind: 'ValidatingAdmissionPolicy',
        metadata: { name: policyName },
      },
      {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: roleIdentity, namespace: PLATFORM_NAMESPACE },
      },
      {
        apiVersion: `${RBAC}/v1`,
        kind: 'ClusterRole',
        metadata: { name: `${namespace}-escape` },
      },
      {
        apiVersion: `${RBAC}/v1`,
        kind: 'ClusterRoleBinding',
        metadata: { name: `${namespace}-escape` },
      },
    ];
    await Promise.all(
      leftovers.map(o =>
        admin.delete(o).catch(error => {
          if (!isApiError(error, 404)) throw error;
        }),
      ),
    );
    await deleteNamespaces(cluster().kubeConfig, [namespace]);
  });

  it("writes a tenant's guard rails: quota, limits, network and registry policy", async () => {
    await apply({
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'tenant-quota', namespace },
      spec: { hard: { pods: '10' } },
    });
    await apply({
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'tenant-limits', namespace },
      spec: { limits: [{ type: 'Container', default: { cpu: '500m' } }] },
    });
    await apply({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', namespace },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
    await apply({
      apiVersion: `${ADMISSION}/v1`,
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name: policyName },
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: {
          resourceRules: [
            {
              apiGroups: [''],
              apiVersions: ['v1'],
              operations: ['CREATE'],
              resources: ['pods'],
            },
          ],
        },
        validations: [
          {
            expression:
              "object.spec.containers.all(c, c.image.startsWith('registry.example.com/'))",
          },
        ],
      },
    });
    const binding = await apply({
      apiVersion: `${ADMISSION}/v1`,
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name: policyName },
      spec: {
        policyName,
        validationActions: ['Deny'],
        matchResources: {
          namespaceSelector: {
            matchLabels: { 'kubernetes.io/metadata.name': namespace },
          },
        },
      },
    });
    expect(binding.metadata?.uid).toBeDefined();
  });

  it('writes the three tenant Roles without holding their rules, and binds them', async () => {
    for (const name of TENANT_ROLES) {
      const written = await apply(role(namespace, name));
      expect(written.metadata?.uid).toBeDefined();
    }
    await apply({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: roleIdentity, namespace: PLATFORM_NAMESPACE },
    });
    await apply({
      apiVersion: `${RBAC}/v1`,
      kind: 'RoleBinding',
      metadata: { name: 'tenant-admin', namespace },
      roleRef: { apiGroup: RBAC, kind: 'Role', name: 'tenant-admin' },
      subjects: [
        {
          kind: 'ServiceAccount',
          name: roleIdentity,
          namespace: PLATFORM_NAMESPACE,
        },
      ],
    });
  });

  it("issues a token for the tenant's role identity, which then acts in the tenant namespace", async () => {
    const request = await asPlatform()
      .makeApiClient(CoreV1Api)
      .createNamespacedServiceAccountToken({
        name: roleIdentity,
        namespace: PLATFORM_NAMESPACE,
        body: { spec: { audiences: [], expirationSeconds: 600 } },
      });
    const token = request.status?.token;
    expect(token).toBeTruthy();
    const asTenantAdmin = cluster()
      .kubeConfigFor(token!)
      .makeApiClient(CoreV1Api);
    // The RBAC authorizer learns about the new RoleBinding through an informer.
    const admitted = await waitFor(
      () =>
        asTenantAdmin.createNamespacedPod({
          namespace,
          body: pod('probe'),
          dryRun: 'All',
        }),
      { description: 'the tenant admin identity to be allowed to create pods' },
    );
    expect(admitted.metadata?.namespace).toBe(namespace);
  });

  it('reads what the inventory and isolation verification need', async () => {
    const core = asPlatform().makeApiClient(CoreV1Api);
    expect((await core.listNode()).items.length).toBeGreaterThan(0);
    await core.listPodForAllNamespaces();
    await core.listNamespace();
    await core.listResourceQuotaForAllNamespaces();
    const version = await asPlatform().makeApiClient(VersionApi).getCode();
    expect(version.gitVersion).toMatch(/^v1\./);
    const review = await reviewAccess(
      asPlatform(),
      platformServiceAccountUser(roleIdentity),
      [],
      { verb: 'create', resource: 'pods', namespace },
    );
    expect(review.allowed).toBe(true);
  });

  it('reads Deployments, PVCs and StorageClasses for status and cost, and writes none of them', async () => {
    // Created as admin: the platform never writes workloads, it applies them as the tenant's admin.
    const adminApps = cluster().kubeConfig.makeApiClient(AppsV1Api);
    await adminApps.createNamespacedDeployment({
      namespace,
      body: deployment('watched'),
    });
    const apps = asPlatform().makeApiClient(AppsV1Api);
    const listed = await apps.listDeploymentForAllNamespaces({
      labelSelector: 'app.kubernetes.io/managed-by=kube-platform',
    });
    expect(listed.items.map(d => d.metadata?.name)).toContain('watched');
    const read = await apps.readNamespacedDeployment({
      name: 'watched',
      namespace,
    });
    expect(read.spec?.replicas).toBe(1);
    const core = asPlatform().makeApiClient(CoreV1Api);
    await core.listPersistentVolumeClaimForAllNamespaces();
    await asPlatform().makeApiClient(StorageV1Api).listStorageClass();

    expect(
      await expectForbidden(
        apps.createNamespacedDeployment({
          namespace,
          body: deployment('platform'),
        }),
      ),
    ).toContain(`User "${PLATFORM_USER}" cannot create resource "deployments"`);
    // Server-side apply is a PATCH: scaling behind the tenant's back is refused.
    expect(
      await expectForbidden(
        apply({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'watched', namespace },
          spec: { replicas: 5 },
        }),
      ),
    ).toContain(`User "${PLATFORM_USER}" cannot patch resource "deployments"`);
    await expectForbidden(
      apps.deleteNamespacedDeployment({ name: 'watched', namespace }),
    );
    await expectForbidden(
      core.createNamespacedPersistentVolumeClaim({
        namespace,
        body: {
          metadata: { name: 'platform' },
          spec: {
            accessModes: ['ReadWriteOnce'],
            resources: { requests: { storage: '1Gi' } },
          },
        },
      }),
    );
    const unchanged = await adminApps.readNamespacedDeployment({
      name: 'watched',
      namespace,
    });
    expect(unchanged.spec?.replicas).toBe(1);
  });

  it('cannot read Secrets, create Pods or mint tokens outside kube-platform-system', async () => {
    const core = asPlatform().makeApiClient(CoreV1Api);
    expect(
      await expectForbidden(
        core.listNamespacedSecret({ namespace: 'kube-system' }),
      ),
    ).toContain(`User "${PLATFORM_USER}" cannot list resource "secrets"`);
    await expectForbidden(
      core.readNamespacedSecret({
        name: PLATFORM_IDENTITIES.platform.tokenSecret,
        namespace: PLATFORM_NAMESPACE,
      }),
    );
    await expectForbidden(
      core.createNamespacedPod({ namespace, body: pod('platform') }),
    );
    await expectForbidden(
      core.createNamespacedServiceAccountToken({
        name: 'default',
        namespace: 'kube-system',
        body: { spec: { audiences: [] } },
      }),
    );
    await expectForbidden(
      core.createNamespacedServiceAccountToken({
        name: 'default',
        namespace,
        body: { spec: { audiences: [] } },
      }),
    );
  });

  it('cannot create a ClusterRole or a ClusterRoleBinding', async () => {
    const rbac = asPlatform().makeApiClient(RbacAuthorizationV1Api);
    const name = `${namespace}-escape`;
    expect(
      await expectForbidden(
        rbac.createClusterRole({
          body: { metadata: { name }, rules: TENANT_RULES },
        }),
      ),
    ).toContain(
      `User "${PLATFORM_USER}" cannot create resource "clusterroles"`,
    );
    const binding = expectForbidden(
      rbac.createClusterRoleBinding({
        body: {
          metadata: { name },
          roleRef: {
            apiGroup: RBAC,
            kind: 'ClusterRole',
            name: 'cluster-admin',
          },
          subjects: [
            {
              kind: 'ServiceAccount',
              name: PLATFORM_IDENTITIES.platform.serviceAccount,
              namespace: PLATFORM_NAMESPACE,
            },
          ],
        },
      }),
    );
    expect(await binding).toContain(
      `User "${PLATFORM_USER}" cannot create resource "clusterrolebindings"`,
    );
  });

  it('cannot write another Role with rules it does not hold, nor bind one', async () => {
    const message = await expectForbidden(apply(role(namespace, 'other')));
    expect(message).toContain(
      'attempting to grant RBAC permissions not currently held',
    );
    // The escalate exemption needs the Role's name in the URL, as server-side apply has it.
    await expectForbidden(
      asPlatform()
        .makeApiClient(RbacAuthorizationV1Api)
        .createNamespacedRole({
          namespace,
          body: { metadata: { name: 'tenant-viewer' }, rules: TENANT_RULES },
        }),
    );
    for (const roleRef of [
      { apiGroup: RBAC, kind: 'ClusterRole', name: 'cluster-admin' },
      { apiGroup: RBAC, kind: 'ClusterRole', name: 'admin' },
    ]) {
      const refused = expectForbidden(
        apply({
          apiVersion: `${RBAC}/v1`,
          kind: 'RoleBinding',
          metadata: { name: `escape-${roleRef.name}`, namespace },
          roleRef,
          subjects: [
            {
              kind: 'ServiceAccount',
              name: roleIdentity,
              namespace: PLATFORM_NAMESPACE,
            },
          ],
        }),
      );
      expect(await refused).toContain(
        'attempting to grant RBAC permissions not currently held',
      );
    }
  });

  it('deletes what it provisioned', async () => {
    const provisioned = [
      {
        apiVersion: `${ADMISSION}/v1`,
        kind: 'ValidatingAdmissionPolicyBinding',
        metadata: { name: policyName },
      },
      {
        apiVersion: `${ADMISSION}/v1`,
        kind: 'ValidatingAdmissionPolicy',
        metadata: { name: policyName },
      },
      {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: roleIdentity, namespace: PLATFORM_NAMESPACE },
      },
      {
        apiVersion: `${RBAC}/v1`,
        kind: 'Role',
        metadata: { name: 'tenant-viewer', namespace },
      },
    ];
    const objects = KubernetesObjectApi.makeApiClient(asPlatform());
    const admin = KubernetesObjectApi.makeApiClient(cluster().kubeConfig);
    for (const object of provisioned) {
      await objects.delete(object);
      const gone = await admin.read(object).catch(error => {
        if (isApiError(error, 404)) return undefined;
        throw error;
      });
      expect(gone).toBeUndefined();
    }
    await objects.delete({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace },
    });
    const terminating = await cluster()
      .kubeConfig.makeApiClient(CoreV1Api)
      .readNamespace({ name: namespace })
      .catch(error => {
        if (isApiError(error, 404)) return undefined;
        throw error;
      });
    expect(terminating?.status?.phase ?? 'Terminating').toBe('Terminating');
  });
});
