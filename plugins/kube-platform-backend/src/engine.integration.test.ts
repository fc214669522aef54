import {
  isApiError,
  uniqueName,
  useLocalClusters,
  waitFor,
} from '@kube-platform/localcluster-testing';
import {
  AdmissionregistrationV1Api,
  CoreV1Api,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import type { Server } from 'node:http';
import request from 'supertest';
import { as, startKubePlatform } from './__testUtils__/startKubePlatform';

jest.setTimeout(240_000);

/* The provisioning engine through the tenant API, on real clusters. */

const clusters = useLocalClusters();
const admin = (name: string) => clusters.find(c => c.name === name)!.kubeConfig;
let server: Server;
let stop: () => Promise<void>;
const namespaces: Array<[string, string]> = [];

beforeAll(async () => {
  const backend = await startKubePlatform(
    clusters,
    {
      drift: { frequency: { seconds: 1 } },
      health: { frequency: { seconds: 1 } },
    },
    { realScheduler: true },
  );
  server = backend.server;
  stop = () => backend.stop();
});

afterAll(async () => {
  await stop();
  await Promise.all(
    namespaces.map(([c, name]) =>
      admin(c)
        .makeApiClient(CoreV1Api)
        .deleteNamespace({ name })
        .catch(() => undefined),
    ),
  );
});

function tenant(name: string, cluster: string) {
  return {
    name,
    owner: 'group:default/team-alpha',
    cluster,
    environment: 'development',
    costCenter: 'engine',
    contact: 'alpha@example.com',
    quota: { pods: '10' },
  };
}

const provision = (body: object, user = 'bob', query = '') =>
  request(server)
    .post(`/api/kube-platform/tenants${query}`)
    .set(as(user))
    .send(body);

async function hardPods(cluster: string, namespace: string) {
  const quota = await admin(cluster)
    .makeApiClient(CoreV1Api)
    .readNamespacedResourceQuota({ name: 'tenant-quota', namespace });
  return quota.spec?.hard?.pods;
}

describe('apply without stealing', () => {
  it('answers 409 naming a field another manager took, changes nothing, and reclaim takes it back', async () => {
    const name = uniqueName('steal');
    namespaces.push(['cluster-3', name]);
    expect((await provision(tenant(name, 'cluster-3'))).status).toBe(201);

    // GitOps takes the pods quota with server-side apply of its own.
    await KubernetesObjectApi.makeApiClient(admin('cluster-3')).patch(
      {
        apiVersion: 'v1',
        kind: 'ResourceQuota',
        metadata: { name: 'tenant-quota', namespace: name },
        spec: { hard: { pods: '99' } },
      } as any,
      undefined,
      undefined,
      'gitops-controller',
      true,
      PatchStrategy.ServerSideApply,
    );

    const refused = await provision(tenant(name, 'cluster-3'));
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('.spec.hard.pods');
    expect(refused.body.error.message).toContain('gitops-controller');
    expect(await hardPods('cluster-3', name)).toBe('99');

    // Only platform admins may reclaim.
    expect(
      (await provision(tenant(name, 'cluster-3'), 'bob', '?reclaim=true'))
        .status,
    ).toBe(403);
    const reclaimed = await provision(
      tenant(name, 'cluster-3'),
      'alice',
      '?reclaim=true',
    );
    expect(reclaimed.status).toBe(201);
    expect(await hardPods('cluster-3', name)).toBe('10');
    const history = await request(server)
      .get(`/api/kube-platform/tenants/cluster-3/${name}/operations`)
      .set(as('bob'));
    // (The scheduled drift scan may also have recorded gitops' change meanwhile.)
    const requests = history.body.items.filter(
      (o: any) => o.action !== 'drift-detected',
    );
    expect(requests.map((o: any) => [o.action, o.status])).toEqual([
      ['reclaim', 'succeeded'],
      ['update', 'rejected'],
      ['create', 'succeeded'],
    ]);
  });
});

describe('dry-run where it will run', () => {
  it("dry-runs a new tenant's objects inside its real namespace, and removes the namespace when one is refused", async () => {
    const name = uniqueName('dryns');
    namespaces.push(['cluster-2', name]);
    const admission = admin('cluster-2').makeApiClient(
      AdmissionregistrationV1Api,
    );
    const policyName = `deny-quota-${name}`;
    // Admission that only sees this tenant's namespace by its labels: a dry-run in
    // a stand-in namespace would pass it, the real namespace does not.
    await admission.createValidatingAdmissionPolicy({
      body: {
        metadata: { name: policyName },
        spec: {
          failurePolicy: 'Fail',
          matchConstraints: {
            resourceRules: [
              {
                apiGroups: [''],
                apiVersions: ['v1'],
                operations: ['CREATE', 'UPDATE'],
                resources: ['resourcequotas'],
              },
            ],
          },
          validations: [
            {
              expression: 'false',
              message: 'quotas are frozen in this namespace',
            },
          ],
        },
      },
    });
    await admission.createValidatingAdmissionPolicyBinding({
      body: {
        metadata: { name: policyName },
        spec: {
          policyName,
          validationActions: ['Deny'],
          matchResources: {
            namespaceSelector: {
              matchLabels: { 'kube-platform.io/tenant': name },
            },
          },
        },
      },
    });
    const core = admin('cluster-2').makeApiClient(CoreV1Api);
    const probe = `${name}-probe`;
    try {
      await core.createNamespace({
        body: {
          metadata: {
            name: probe,
            labels: { 'kube-platform.io/tenant': name },
          },
        },
      });
      await waitFor(
        async () => {
          const denied = await core
            .createNamespacedResourceQuota({
              namespace: probe,
              dryRun: 'All',
              body: {
                metadata: { name: 'probe' },
                spec: { hard: { pods: '1' } },
              },
            })
            .catch(e => e);
          return isApiError(denied) && String(denied.body).includes('frozen');
        },
        {
          timeoutMs: 30_000,
          intervalMs: 500,
          description: 'the admission policy to take effect',
        },
      );
      const refused = await provision(tenant(name, 'cluster-2'));
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toContain('quotas are frozen');

      const history = await request(server)
        .get(`/api/kube-platform/tenants/cluster-2/${name}/operations`)
        .set(as('bob'));
      expect(history.status).toBe(404);
      const ns = await core.readNamespace({ name }).catch(e => e);
      expect(isApiError(ns, 404) || ns.status?.phase === 'Terminating').toBe(
        true,
      );
    } finally {
      await admission.deleteValidatingAdmissionPolicyBinding({
        name: policyName,
      });
      await admission.deleteValidatingAdmissionPolicy({ name: policyName });
      await core.deleteNamespace({ name: probe }).catch(() => undefined);
    }
  });
});

describe('drift that matters', () => {
  it('reports a permissive peer another manager added to a default-deny policy, and repair removes it', async () => {
    const name = uniqueName('drift');
    namespaces.push(['cluster-1', name]);
    expect((await provision(tenant(name, 'cluster-1'))).status).toBe(201);
    const details = async () =>
      (
        await request(server)
          .get(`/api/kube-platform/tenants/cluster-1/${name}`)
          .set(as('bob'))
      ).body;
    expect(
      (await details()).objects.filter((o: any) => o.state !== 'present'),
    ).toEqual([]);

    // Someone opens the tenant to every source: all their own fields are intact.
    await KubernetesObjectApi.makeApiClient(admin('cluster-1')).patch(
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'default-deny', namespace: name },
        spec: { ingress: [{}] },
      } as any,
      undefined,
      undefined,
      'intruder',
      true,
      PatchStrategy.ServerSideApply,
    );
    const drifted = (await details()).objects.find(
      (o: any) => o.name === 'default-deny',
    );
    expect(drifted).toMatchObject({
      state: 'drifted',
      drift: ['spec.ingress (set by intruder)'],
    });

    // The scheduled scan records it in the tenant's history, once.
    const history = async () =>
      (
        await request(server)
          .get(`/api/kube-platform/tenants/cluster-1/${name}/operations`)
          .set(as('bob'))
      ).body.items;
    const scans = await waitFor(
      async () => {
        const found = (await history()).filter(
          (o: any) => o.action === 'drift-detected',
        );
        return found.length > 0 && found;
      },
      {
        timeoutMs: 60_000,
        intervalMs: 500,
        description: 'the drift scan to record the drift',
      },
    );
    expect(scans[0]).toMatchObject({
      actor: 'plugin:kube-platform',
      results: [
        expect.objectContaining({
          name: 'default-deny',
          outcome: 'drifted',
          message: 'spec.ingress (set by intruder)',
        }),
      ],
    });
    await new Promise(resolve => setTimeout(resolve, 2500));
    expect(
      (await history()).filter((o: any) => o.action === 'drift-detected'),
    ).toHaveLength(1);

    const refused = await request(server)
      .post(`/api/kube-platform/tenants/cluster-1/${name}/repair`)
      .set(as('dave'));
    expect(refused.status).toBe(403);
    // The owner may not force other managers' fields either: repair is for platform admins.
    const owner = await request(server)
      .post(`/api/kube-platform/tenants/cluster-1/${name}/repair`)
      .set(as('bob'));
    expect(owner.status).toBe(403);
    const repaired = await request(server)
      .post(`/api/kube-platform/tenants/cluster-1/${name}/repair`)
      .set(as('alice'));
    expect(repaired.status).toBe(200);
    const live = await KubernetesObjectApi.makeApiClient(
      admin('cluster-1'),
    ).read({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', namespace: name },
    } as any);
    expect((live as any).spec.ingress ?? []).toEqual([]);
    expect(
      (await details()).objects.filter((o: any) => o.state !== 'present'),
    ).toEqual([]);
  });
});

describe('requests against an existing tenant', () => {
  it('needs elevation to move a tenant to another environment, and leaves no trace of another team in its history', async () => {
    const name = uniqueName('envmove');
    namespaces.push(['cluster-3', name]);
    expect((await provision(tenant(name, 'cluster-3'))).status).toBe(201);

    // Staging's ceilings are not production's: moving is itself an elevation.
    const moved = await provision({
      ...tenant(name, 'cluster-3'),
      environment: 'staging',
    });
    expect(moved.status).toBe(403);
    expect(moved.body.error.message).toContain('environment');

    // Another team asking for the same tenant for itself gets 409, unrecorded.
    const foreign = await provision(
      { ...tenant(name, 'cluster-3'), owner: 'group:default/team-beta' },
      'dave',
    );
    expect(foreign.status).toBe(409);
    const history = await request(server)
      .get(`/api/kube-platform/tenants/cluster-3/${name}/operations`)
      .set(as('bob'));
    expect(history.body.items.map((o: any) => o.actor)).not.toContain(
      'user:default/dave',
    );
  });
});
