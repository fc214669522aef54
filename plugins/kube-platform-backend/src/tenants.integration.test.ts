import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEMO_USERS,
  isApiError,
  kubePlatformClustersConfig,
  uniqueName,
  useLocalClusters,
  waitFor,
} from '@kube-platform/localcluster-testing';
import {
  findDrift,
  renderTenantManifests,
  resolveTenantSpec,
  tenantRequestSchema,
} from '@kube-platform/plugin-kube-platform-common';
import { ManifestApplier } from '@kube-platform/plugin-kube-platform-node';
import {
  AdmissionregistrationV1Api,
  AuthorizationV1Api,
  CoreV1Api,
  KubeConfig,
  RbacAuthorizationV1Api,
} from '@kubernetes/client-node';
import type { Server } from 'node:http';
import request from 'supertest';
import {
  groupEntity,
  membershipUserInfoFactory,
  realPolicyPermissionsFactory,
} from './__testUtils__/realPolicy';
import { kubePlatformPlugin } from './plugin';

jest.setTimeout(240_000);

// Real clusters; the Kubernetes API is never faked here.
const clusters = useLocalClusters();

const group = groupEntity;

let server: Server;

beforeAll(async () => {
  const backend = await startTestBackend({
    features: [
      kubePlatformPlugin,
      realPolicyPermissionsFactory,
      membershipUserInfoFactory,
      catalogServiceMock.factory({
        entities: [
          group('team-alpha'),
          group('team-beta'),
          group('platform-team'),
        ],
      }),
      mockServices.rootConfig.factory({
        data: {
          kubePlatform: {
            platformAdminGroups: ['group:default/platform-team'],
            // The platform's least-privilege identity, never the admin token.
            clusters: kubePlatformClustersConfig(clusters),
          },
        },
      }),
    ],
  });
  server = backend.server;
});

const as = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});
const BOB = as('user:default/bob');

function tenantRequest(name: string, overrides: object = {}) {
  return {
    name,
    owner: 'group:default/team-alpha',
    cluster: 'cluster-1',
    environment: 'development',
    costCenter: 'payments',
    contact: 'alpha@example.com',
    description: 'Integration test tenant',
    quota: { 'requests.cpu': '1', 'requests.memory': '4Gi', pods: '10' },
    members: {
      admins: ['user:default/alice'],
      developers: ['group:default/team-alpha'],
      viewers: ['group:default/team-beta'],
    },
    security: { allowedRegistries: ['registry.example.com'] },
    ...overrides,
  };
}

const cluster = (name: string) => clusters.find(c => c.name === name)!;
const core = (name: string) =>
  cluster(name).kubeConfig.makeApiClient(CoreV1Api);
const created: Array<{ cluster: string; namespace: string }> = [];

async function namespaceExists(clusterName: string, namespace: string) {
  try {
    await core(clusterName).readNamespace({ name: namespace });
    return true;
  } catch (error) {
    if (isApiError(error, 404)) return false;
    throw error;
  }
}

afterAll(async () => {
  await Promise.all(
    created.map(({ cluster: c, namespace }) =>
      core(c)
        .deleteNamespace({ name: namespace })
        .catch(() => undefined),
    ),
  );
});

describe('tenant provisioning against real clusters', () => {
  const name = uniqueName('alpha');

  it('creates every object with exactly the rendered spec, and a second request changes nothing', async () => {
    created.push({ cluster: 'cluster-1', namespace: name });
    const first = await request(server)
      .post('/api/kube-platform/tenants')
      .set(BOB)
      .send(tenantRequest(name));
    expect(first.status).toBe(201);
    expect(first.body.result).toBe('created');
    expect(first.body.objects.every((o: any) => o.outcome === 'created')).toBe(
      true,
    );

    const spec = resolveTenantSpec(
      tenantRequestSchema.parse(tenantRequest(name)),
    );
    const manifests = renderTenantManifests(spec);
    expect(first.body.objects.map((o: any) => `${o.kind}/${o.name}`)).toEqual(
      manifests.map(m => `${m.kind}/${m.metadata.name}`),
    );
    const applier = new ManifestApplier(cluster('cluster-1').kubeConfig);
    for (const manifest of manifests) {
      const live = await applier.read(manifest);
      expect({
        object: `${manifest.kind}/${manifest.metadata.name}`,
        drift: findDrift(manifest, live as any),
      }).toEqual({
        object: `${manifest.kind}/${manifest.metadata.name}`,
        drift: [],
      });
    }
    const quota = await core('cluster-1').readNamespacedResourceQuota({
      name: 'tenant-quota',
      namespace: name,
    });
    expect(quota.spec?.hard).toMatchObject({
      'requests.cpu': '1',
      'requests.memory': '4Gi',
      pods: '10',
      'limits.cpu': '8',
    });
    const versions = await Promise.all(
      manifests.map(
        async m => (await applier.read(m))?.metadata?.resourceVersion,
      ),
    );

    const second = await request(server)
      .post('/api/kube-platform/tenants')
      .set(BOB)
      .send(tenantRequest(name));
    expect(second.status).toBe(200);
    expect(second.body.result).toBe('unchanged');
    expect(new Set(second.body.objects.map((o: any) => o.outcome))).toEqual(
      new Set(['unchanged']),
    );
    const after = await Promise.all(
      manifests.map(
        async m => (await applier.read(m))?.metadata?.resourceVersion,
      ),
    );
    expect(after).toEqual(versions);

    const details = await request(server)
      .get(`/api/kube-platform/tenants/cluster-1/${name}`)
      .set(BOB);
    expect(details.status).toBe(200);
    expect(details.body.objects.every((o: any) => o.state === 'present')).toBe(
      true,
    );
    expect(details.body.phase).toBe('Active');
  });

  it('passes isolation verification, with a real quota rejection as evidence', async () => {
    const res = await request(server)
      .post(`/api/kube-platform/tenants/cluster-1/${name}/verify`)
      .set(BOB);
    expect(res.status).toBe(200);
    const failed = res.body.checks.filter((c: any) => !c.passed);
    expect(failed).toEqual([]);
    expect(res.body.passed).toBe(true);
    expect(res.body.checks.map((c: any) => c.id)).toEqual([
      'rbac-admin',
      'rbac-developer',
      'rbac-viewer',
      'quota-enforced',
      'limitrange-defaults',
      'image-registries',
      'network-default-deny',
      'pod-security-labels',
    ]);
    expect(
      res.body.checks.find((c: any) => c.id === 'quota-enforced').evidence,
    ).toContain('exceeded quota');
  });

  it('really rejects an over-quota Pod and lets a member create Pods only in the tenant namespace', async () => {
    const pod = (ns: string, cpu?: string) => ({
      metadata: { name: uniqueName('pod'), namespace: ns },
      spec: {
        securityContext: {
          runAsNonRoot: true,
          runAsUser: 1000,
          seccompProfile: { type: 'RuntimeDefault' as const },
        },
        containers: [
          {
            name: 'app',
            image: 'registry.example.com/app:1',
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: { drop: ['ALL'] },
            },
            ...(cpu
              ? { resources: { requests: { cpu }, limits: { cpu } } }
              : {}),
          },
        ],
      },
    });
    const over = await core('cluster-1')
      .createNamespacedPod({ namespace: name, body: pod(name, '1500m') })
      .catch(e => e);
    expect(isApiError(over, 403)).toBe(true);
    expect(String(over.body)).toContain('exceeded quota');

    const bob = cluster('cluster-1')
      .kubeConfigFor(DEMO_USERS.bob.token)
      .makeApiClient(CoreV1Api);
    const mine = await bob.createNamespacedPod({
      namespace: name,
      body: pod(name),
    });
    expect(mine.metadata?.namespace).toBe(name);
    // LimitRange defaults were applied to the stored Pod.
    expect(mine.spec?.containers[0].resources?.requests).toEqual({
      cpu: '100m',
      memory: '128Mi',
    });
    const elsewhere = await bob
      .createNamespacedPod({ namespace: 'default', body: pod('default') })
      .catch(e => e);
    expect(isApiError(elsewhere, 403)).toBe(true);
  });

  it('rejects images from registries outside the allowed list', async () => {
    const bob = cluster('cluster-1').kubeConfig.makeApiClient(CoreV1Api);
    const rejected = await waitFor(
      async () => {
        const res = await bob
          .createNamespacedPod({
            namespace: name,
            dryRun: 'All',
            body: {
              metadata: { name: uniqueName('foreign') },
              spec: {
                securityContext: {
                  runAsNonRoot: true,
                  runAsUser: 1000,
                  seccompProfile: { type: 'RuntimeDefault' },
                },
                containers: [
                  {
                    name: 'c',
                    image: 'docker.io/library/nginx:1',
                    securityContext: {
                      allowPrivilegeEscalation: false,
                      capabilities: { drop: ['ALL'] },
                    },
                  },
                ],
              },
            },
          })
          .catch(e => e);
        return isApiError(res, 403) && res;
      },
      {
        timeoutMs: 15_000,
        description: 'the registry policy to reject a foreign image',
      },
    );
    expect(String(rejected.body)).toContain(
      'must come from: registry.example.com/',
    );
  });

  it('shows a Pod created outside Backstage in the group quota within 2 seconds', async () => {
    const usedPods = async () => {
      const res = await request(server)
        .get('/api/kube-platform/entities/group/default/team-alpha/quota')
        .set(BOB);
      const ns = res.body.namespaces.find((n: any) => n.namespace === name);
      return Number(
        ns?.resources.find((r: any) => r.resource === 'pods')?.used ?? -1,
      );
    };
    const before = await waitFor(
      async () => {
        const n = await usedPods();
        return n >= 1 ? n : undefined;
      },
      { timeoutMs: 10_000 },
    );
    await core('cluster-1').createNamespacedPod({
      namespace: name,
      body: {
        metadata: { name: uniqueName('outside') },
        spec: {
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 1000,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: 'c',
              image: 'registry.example.com/c:1',
              securityContext: {
                allowPrivilegeEscalation: false,
                capabilities: { drop: ['ALL'] },
              },
            },
          ],
        },
      },
    });
    const started = Date.now();
    await waitFor(async () => (await usedPods()) === before + 1, {
      timeoutMs: 2_000,
      intervalMs: 50,
      description: 'pods used to grow',
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses a quota below current usage unless forced', async () => {
    const refused = await request(server)
      .patch(`/api/kube-platform/tenants/cluster-1/${name}/quota`)
      .set(BOB)
      .send({ quota: { pods: '1' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('quota.pods');
    const forced = await request(server)
      .patch(`/api/kube-platform/tenants/cluster-1/${name}/quota`)
      .set(BOB)
      .send({ quota: { pods: '1' }, force: true });
    expect(forced.status).toBe(200);
    const quota = await core('cluster-1').readNamespacedResourceQuota({
      name: 'tenant-quota',
      namespace: name,
    });
    expect(quota.spec?.hard?.pods).toBe('1');
  });

  it('forbids other teams from changing or deleting the tenant', async () => {
    const dave = as('user:default/dave');
    expect(
      (
        await request(server)
          .delete(`/api/kube-platform/tenants/cluster-1/${name}`)
          .set(dave)
      ).status,
    ).toBe(403);
    expect(
      (
        await request(server)
          .post('/api/kube-platform/tenants')
          .set(dave)
          .send(
            tenantRequest(uniqueName('x'), {
              owner: 'group:default/team-alpha',
            }),
          )
      ).status,
    ).toBe(403);
    expect(await namespaceExists('cluster-1', name)).toBe(true);
  });

  it('prunes the registry policy when the registry list is emptied', async () => {
    const res = await request(server)
      .post('/api/kube-platform/tenants')
      .set(BOB)
      .send(tenantRequest(name, { security: { allowedRegistries: [] } }));
    expect(res.status).toBe(201);
    expect(
      res.body.objects
        .filter((o: any) => o.outcome === 'deleted')
        .map((o: any) => o.kind)
        .sort(),
    ).toEqual([
      'ValidatingAdmissionPolicy',
      'ValidatingAdmissionPolicyBinding',
    ]);
    const applier = new ManifestApplier(cluster('cluster-1').kubeConfig);
    expect(
      await applier.read({
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingAdmissionPolicy',
        metadata: { name: `kube-platform-registries-${name}` },
      }),
    ).toBeUndefined();
  });

  async function kubeconfigOf(user: string) {
    const res = await request(server)
      .get(`/api/kube-platform/tenants/cluster-1/${name}/kubeconfig`)
      .set(as(user));
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).not.toContain('insecure-skip-tls-verify');
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(res.text);
    return { kubeConfig, disposition: res.headers['content-disposition'] };
  }

  /** What the holder of a kubeconfig may do, as the API server itself answers. */
  async function can(
    kubeConfig: KubeConfig,
    verb: string,
    resource: string,
    namespace = name,
  ) {
    const apiGroup = resource === 'deployments' ? 'apps' : '';
    const review = await kubeConfig
      .makeApiClient(AuthorizationV1Api)
      .createSelfSubjectAccessReview({
        body: {
          spec: {
            resourceAttributes: { namespace, verb, resource, group: apiGroup },
          },
        },
      });
    return Boolean(review.status?.allowed);
  }

  it('issues a kubeconfig for exactly the role the requester holds, and none to other teams', async () => {
    const dave = await request(server)
      .get(`/api/kube-platform/tenants/cluster-1/${name}/kubeconfig`)
      .set(as('user:default/dave'));
    expect(dave.status).toBe(403);

    // bob is in team-alpha, the developer group: a developer's kubeconfig.
    const bob = await kubeconfigOf('user:default/bob');
    expect(bob.disposition).toContain(`${name}-developer.kubeconfig`);
    expect(
      bob.kubeConfig.getContextObject(bob.kubeConfig.getCurrentContext())
        ?.namespace,
    ).toBe(name);
    const tenantCore = bob.kubeConfig.makeApiClient(CoreV1Api);
    const pods = await tenantCore.listNamespacedPod({ namespace: name });
    expect(pods.items.length).toBeGreaterThan(0);
    const elsewhere = await tenantCore
      .listNamespacedPod({ namespace: 'default' })
      .catch(e => e);
    expect(isApiError(elsewhere, 403)).toBe(true);
    expect(await can(bob.kubeConfig, 'create', 'deployments')).toBe(true);
    expect(await can(bob.kubeConfig, 'delete', 'deployments')).toBe(false);
    expect(await can(bob.kubeConfig, 'delete', 'secrets')).toBe(false);

    // alice is named an admin of the tenant: an admin's kubeconfig.
    const alice = await kubeconfigOf('user:default/alice');
    expect(alice.disposition).toContain(`${name}-admin.kubeconfig`);
    expect(await can(alice.kubeConfig, 'delete', 'deployments')).toBe(true);
    expect(await can(alice.kubeConfig, 'create', 'pods', 'default')).toBe(
      false,
    );

    // The download is on record, the token is not.
    const history = await request(server)
      .get(`/api/kube-platform/tenants/cluster-1/${name}/operations`)
      .set(BOB);
    const issued = history.body.items.filter(
      (o: any) => o.action === 'issue-kubeconfig',
    );
    expect(issued.map((o: any) => [o.actor, o.spec.role, o.status])).toEqual([
      ['user:default/alice', 'admin', 'succeeded'],
      ['user:default/bob', 'developer', 'succeeded'],
    ]);
    const token = bob.kubeConfig.getCurrentUser()?.token;
    expect(token).toBeTruthy();
    expect(history.text).not.toContain(token);
  });

  it('issues a viewer kubeconfig to an owner who holds only the viewer role, and it can only read', async () => {
    const viewerOnly = uniqueName('viewer');
    created.push({ cluster: 'cluster-2', namespace: viewerOnly });
    const res = await request(server)
      .post('/api/kube-platform/tenants')
      .set(BOB)
      .send(
        tenantRequest(viewerOnly, {
          cluster: 'cluster-2',
          members: { developers: [], viewers: ['group:default/team-alpha'] },
        }),
      );
    expect(res.status).toBe(201);
    const download = await request(server)
      .get(`/api/kube-platform/tenants/cluster-2/${viewerOnly}/kubeconfig`)
      .set(BOB);
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toContain(
      `${viewerOnly}-viewer.kubeconfig`,
    );
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(download.text);
    const viewerCan = (verb: string, resource: string) =>
      can(kubeConfig, verb, resource, viewerOnly);
    expect(await viewerCan('list', 'pods')).toBe(true);
    expect(await viewerCan('create', 'pods')).toBe(false);
    expect(await viewerCan('get', 'secrets')).toBe(false);
    const viewerCore = kubeConfig.makeApiClient(CoreV1Api);
    expect(
      (await viewerCore.listNamespacedPod({ namespace: viewerOnly })).items,
    ).toBeDefined();
    const write = await viewerCore
      .createNamespacedConfigMap({
        namespace: viewerOnly,
        body: { metadata: { name: 'nope' } },
      })
      .catch(e => e);
    expect(isApiError(write, 403)).toBe(true);
  });

  it('gives a developer no way to an admin token: not by a pod spec, not by a TokenRequest', async () => {
    const { kubeConfig } = await kubeconfigOf('user:default/bob');
    const tenantCore = kubeConfig.makeApiClient(CoreV1Api);
    // The admin identity lives in the platform namespace, which no tenant Pod can name.
    const pod = await tenantCore
      .createNamespacedPod({
        namespace: name,
        dryRun: 'All',
        body: {
          metadata: { name: 'escalate' },
          spec: {
            serviceAccountName: `${name}-admin`,
            containers: [{ name: 'c', image: 'registry.example.com/app:1' }],
          },
        },
      })
      .catch(e => e);
    expect(isApiError(pod)).toBe(true);
    expect(String(pod.body ?? pod.message)).toMatch(
      /serviceaccount|service account/i,
    );
    for (const namespace of ['kube-platform-system', name]) {
      const token = await tenantCore
        .createNamespacedServiceAccountToken({
          name: `${name}-admin`,
          namespace,
          body: { spec: { audiences: [] } },
        })
        .catch(e => e);
      expect(isApiError(token, 403)).toBe(true);
    }
  });

  it('deletes the tenant and its namespace', async () => {
    const res = await request(server)
      .delete(`/api/kube-platform/tenants/cluster-1/${name}`)
      .set(BOB);
    expect(res.status).toBe(200);
    expect(res.body.namespaceDeleted).toBe(true);
    expect(
      (
        await request(server)
          .get(`/api/kube-platform/tenants/cluster-1/${name}`)
          .set(BOB)
      ).status,
    ).toBe(404);
    const ns = await core('cluster-1')
      .readNamespace({ name })
      .catch(e => e);
    expect(isApiError(ns, 404) || ns.status?.phase === 'Terminating').toBe(
      true,
    );
  });
});

describe('bad input creates nothing', () => {
  const name = uniqueName('bad');
  const cases: Array<[string, unknown, string]> = [
    ['upper-case name', tenantRequest('Bad'), 'name'],
    ['underscore name', tenantRequest('bad_name'), 'name'],
    ['name too long with the namespace', tenantRequest('a'.repeat(64)), 'name'],
    ['reserved namespace', tenantRequest('kube-tenant'), 'name'],
    ['name of wrong type', { ...tenantRequest(name), name: 7 }, 'name'],
    [
      'bad CPU quantity',
      tenantRequest(name, { quota: { 'requests.cpu': 'two' } }),
      'quota.requests.cpu',
    ],
    [
      'bad memory quantity',
      tenantRequest(name, { quota: { 'limits.memory': '1 GB' } }),
      'quota.limits.memory',
    ],
    [
      'fractional count',
      tenantRequest(name, { quota: { pods: '2.5' } }),
      'quota.pods',
    ],
    [
      'unknown quota key',
      tenantRequest(name, { quota: { 'requests.gpu': '1' } }),
      'quota.requests.gpu',
    ],
    [
      'unknown cluster',
      tenantRequest(name, { cluster: 'cluster-9' }),
      'cluster',
    ],
    [
      'unknown owner',
      tenantRequest(name, { owner: 'group:default/nobody' }),
      'owner',
    ],
    [
      'owner not a group',
      tenantRequest(name, { owner: 'user:default/bob' }),
      'owner',
    ],
    [
      'bad environment',
      tenantRequest(name, { environment: 'qa' }),
      'environment',
    ],
    ['extra field', { ...tenantRequest(name), sneaky: true }, 'sneaky'],
    [
      'missing contact',
      { ...tenantRequest(name), contact: undefined },
      'contact',
    ],
    [
      'LimitRange out of order',
      tenantRequest(name, { limitRange: { container: { min: { cpu: '4' } } } }),
      'limitRange.container.min.cpu',
    ],
    [
      'bad egress port',
      tenantRequest(name, { networking: { allowedEgressPorts: [0] } }),
      'networking.allowedEgressPorts.0',
    ],
    [
      'bad Pod Security level',
      tenantRequest(name, { security: { podSecurityStandard: 'strict' } }),
      'security.podSecurityStandard',
    ],
    [
      'admin not a user',
      tenantRequest(name, {
        members: { admins: ['group:default/team-alpha'] },
      }),
      'members.admins.0',
    ],
  ];

  it.each(cases)('%s → 400 naming %s', async (_label, body, field) => {
    const res = await request(server)
      .post('/api/kube-platform/tenants')
      .set(BOB)
      .send(body as object);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toContain(field);
  });

  it('rejects a body that is not JSON or too large with 400', async () => {
    const notJson = await request(server)
      .post('/api/kube-platform/tenants')
      .set(BOB)
      .set('content-type', 'application/json')
      .send('{"name":');
    expect(notJson.status).toBe(400);
    const huge = await request(server)
      .post('/api/kube-platform/tenants')
      .set(BOB)
      .send({ ...tenantRequest(name), description: 'x'.repeat(200_000) });
    expect(huge.status).toBe(400);
  });

  it('left no namespace behind on any cluster', async () => {
    for (const c of clusters) {
      for (const ns of [name, 'bad', 'bad_name', 'kube-tenant']) {
        expect(await namespaceExists(c.name, ns)).toBe(false);
      }
    }
  });
});

describe('conflicts and concurrency', () => {
  it('answers 409 and touches nothing when the namespace belongs to someone else', async () => {
    const name = uniqueName('taken');
    created.push({ cluster: 'cluster-2', namespace: name });
    await core('cluster-2').createNamespace({
      body: { metadata: { name, labels: { team: 'someone-else' } } },
    });
    const res = await request(server)
      .post('/api/kube-platform/tenants')
      .set(BOB)
      .send(tenantRequest(name, { cluster: 'cluster-2' }));
    expect(res.status).toBe(409);
    const ns = await core('cluster-2').readNamespace({ name });
    expect(ns.metadata?.labels).toEqual({
      team: 'someone-else',
      'kubernetes.io/metadata.name': name,
    });
    const quotas = await core('cluster-2').listNamespacedResourceQuota({
      namespace: name,
    });
    expect(quotas.items).toEqual([]);
  });

  it('reports a tenant without members as fully present, not drifted', async () => {
    const name = uniqueName('plain');
    created.push({ cluster: 'cluster-3', namespace: name });
    const { members, security, ...bare } = tenantRequest(name, {
      cluster: 'cluster-3',
    }) as any;
    expect(members && security).toBeTruthy();
    const res = await request(server)
      .post('/api/kube-platform/tenants')
      .set(BOB)
      .send(bare);
    expect(res.status).toBe(201);
    const details = await request(server)
      .get(`/api/kube-platform/tenants/cluster-3/${name}`)
      .set(BOB);
    expect(
      details.body.objects.filter((o: any) => o.state !== 'present'),
    ).toEqual([]);
  });

  it('provisions once under 20 concurrent identical requests, leaving no partial objects', async () => {
    const name = uniqueName('race');
    created.push({ cluster: 'cluster-2', namespace: name });
    const body = tenantRequest(name, { cluster: 'cluster-2' });
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        request(server).post('/api/kube-platform/tenants').set(BOB).send(body),
      ),
    );
    const statuses = responses.map(r => r.status);
    expect(statuses.filter(s => s === 201)).toHaveLength(1);
    expect(statuses.every(s => s === 201 || s === 200 || s === 409)).toBe(true);
    const details = await request(server)
      .get(`/api/kube-platform/tenants/cluster-2/${name}`)
      .set(BOB);
    expect(details.body.objects.map((o: any) => o.state)).toEqual(
      details.body.objects.map(() => 'present'),
    );
  });

  it('records a part-way failure with what was applied, and a retry converges', async () => {
    const name = uniqueName('flaky');
    created.push({ cluster: 'cluster-3', namespace: name });
    const admission = cluster('cluster-3').kubeConfig.makeApiClient(
      AdmissionregistrationV1Api,
    );
    const policyName = `deny-viewer-binding-${name}`;
    // A real admission policy that rejects one object, but only outside dry-runs.
    await admission.createValidatingAdmissionPolicy({
      body: {
        metadata: { name: policyName },
        spec: {
          failurePolicy: 'Fail',
          matchConstraints: {
            resourceRules: [
              {
                apiGroups: ['rbac.authorization.k8s.io'],
                apiVersions: ['v1'],
                operations: ['CREATE', 'UPDATE'],
                resources: ['rolebindings'],
              },
            ],
          },
          validations: [
            {
              expression: `request.dryRun == true || (object.metadata.name != '${policyName}' && (object.metadata.namespace != '${name}' || object.metadata.name != 'tenant-viewer'))`,
              message: 'viewer bindings are frozen for this test',
            },
          ],
        },
      },
    });
    await admission.createValidatingAdmissionPolicyBinding({
      body: {
        metadata: { name: policyName },
        spec: { policyName, validationActions: ['Deny'] },
      },
    });
    const body = tenantRequest(name, { cluster: 'cluster-3' });
    const rbac = cluster('cluster-3').kubeConfig.makeApiClient(
      RbacAuthorizationV1Api,
    );
    try {
      // Policies take a moment to load: wait until a probe binding is really denied.
      await waitFor(
        async () => {
          const probe = await rbac
            .createNamespacedRoleBinding({
              namespace: 'default',
              body: {
                metadata: { name: policyName },
                roleRef: {
                  apiGroup: 'rbac.authorization.k8s.io',
                  kind: 'ClusterRole',
                  name: 'view',
                },
                subjects: [],
              },
            })
            .catch(e => e);
          if (!isApiError(probe)) {
            await rbac.deleteNamespacedRoleBinding({
              name: policyName,
              namespace: 'default',
            });
            return false;
          }
          return String(probe.body).includes('frozen for this test');
        },
        {
          timeoutMs: 30_000,
          intervalMs: 500,
          description: 'the admission policy to take effect',
        },
      );
      const failed = await request(server)
        .post('/api/kube-platform/tenants')
        .set(BOB)
        .send(body);
      expect(failed.status).toBe(502);
      const results = failed.body.operation.results;
      expect(failed.body.operation.status).toBe('failed');
      expect(results.find((r: any) => r.kind === 'Namespace').outcome).toMatch(
        /created|unchanged/,
      );
      expect(
        results.find(
          (r: any) => r.kind === 'RoleBinding' && r.name === 'tenant-viewer',
        ),
      ).toMatchObject({
        outcome: 'failed',
        message: expect.stringContaining('viewer bindings are frozen'),
      });
      expect(await namespaceExists('cluster-3', name)).toBe(true);
    } finally {
      await admission.deleteValidatingAdmissionPolicyBinding({
        name: policyName,
      });
      await admission.deleteValidatingAdmissionPolicy({ name: policyName });
    }
    const retried = await waitFor(
      async () => {
        const res = await request(server)
          .post('/api/kube-platform/tenants')
          .set(BOB)
          .send(body);
        return res.status !== 502 && res;
      },
      {
        timeoutMs: 30_000,
        intervalMs: 1_000,
        description: 'the retry to converge',
      },
    );
    expect(retried.status).toBe(201);
    expect(
      retried.body.objects.find(
        (o: any) => o.name === 'tenant-viewer' && o.kind === 'RoleBinding',
      ).outcome,
    ).toBe('created');
    const details = await request(server)
      .get(`/api/kube-platform/tenants/cluster-3/${name}`)
      .set(BOB);
    expect(details.body.objects.every((o: any) => o.state === 'present')).toBe(
      true,
    );

    // The history records both: the failure with what was applied, then the convergence.
    const history = await request(server)
      .get(`/api/kube-platform/tenants/cluster-3/${name}/operations`)
      .set(BOB);
    const statuses = history.body.items.map((o: any) => o.status);
    expect(statuses[0]).toBe('succeeded');
    expect(statuses).toContain('failed');
    expect(
      history.body.items.every((o: any) => o.actor === 'user:default/bob'),
    ).toBe(true);
  });
});
