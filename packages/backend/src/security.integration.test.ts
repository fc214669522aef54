import {
  isApiError,
  kubePlatformClustersConfig,
  stockKubernetesConfig,
  uniqueName,
  useLocalClusters,
} from '@kube-platform/localcluster-testing';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  type BackendProcess,
  startBackendProcess,
} from './__testUtils__/backendProcess';

jest.setTimeout(600_000);

/*
 * Who may do what, through the whole backend process with the real permission
 * policy and real guest sign-in: the backend is started as alice (platform
 * admin), restarted as bob (team-alpha) and as dave (team-beta), on one SQLite
 * directory, so every restart also proves that tenants and their history survive.
 */

const clusters = useLocalClusters();
const serviceToken = randomBytes(24).toString('hex');
const alphaTenant = uniqueName('sec-alpha');
const betaTenant = uniqueName('sec-beta');
let workdir = '';
let backend: BackendProcess | undefined;

async function startAs(user: string) {
  await backend?.stop();
  backend = await startBackendProcess({
    workdir,
    config: {
      backend: {
        database: {
          client: 'better-sqlite3',
          connection: { directory: path.join(workdir, 'sqlite') },
        },
        auth: {
          externalAccess: [
            {
              type: 'static',
              options: { token: serviceToken, subject: 'security-test' },
            },
          ],
        },
      },
      auth: { providers: { guest: { userEntityRef: `user:default/${user}` } } },
      kubePlatform: {
        clusters: kubePlatformClustersConfig(clusters).map(c =>
          // cluster-2 may promise at most 20x its allocatable CPU and memory.
          c.name === 'cluster-2'
            ? { ...c, maxOvercommit: { cpu: 20, memory: 20 } }
            : c,
        ),
        health: { frequency: { seconds: 1 } },
      },
      kubernetes: stockKubernetesConfig(clusters),
    },
  });
  return backend;
}

function tenant(name: string, owner: string, overrides: object = {}) {
  return {
    name,
    owner: `group:default/${owner}`,
    cluster: 'cluster-1',
    environment: 'development',
    costCenter: 'security',
    contact: `${owner}@example.com`,
    ...overrides,
  };
}

const post = (body: unknown, query = '') => ({
  route: `/api/kube-platform/tenants${query}`,
  init: { method: 'POST', body: JSON.stringify(body) },
});

async function request(spec: { route: string; init: RequestInit }) {
  return backend!.api(spec.route, spec.init);
}

const proxy = (route: string, init: RequestInit = {}) =>
  backend!.api(`/api/kubernetes/proxy${route}`, {
    ...init,
    headers: { 'Backstage-Kubernetes-Cluster': 'cluster-1' },
  });

async function namespaceExists(name: string) {
  const core = clusters[0].kubeConfig.makeApiClient(CoreV1Api);
  return core.readNamespace({ name }).then(
    () => true,
    error => {
      if (isApiError(error, 404)) return false;
      throw error;
    },
  );
}

beforeAll(async () => {
  workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-security-'));
});

afterAll(async () => {
  await backend?.stop();
  const core = clusters[0].kubeConfig.makeApiClient(CoreV1Api);
  for (const name of [alphaTenant, betaTenant]) {
    await core.deleteNamespace({ name }).catch(() => undefined);
    for (const level of ['admin', 'developer', 'viewer']) {
      await core
        .deleteNamespacedServiceAccount({
          name: `${name}-${level}`,
          namespace: 'kube-platform-system',
        })
        .catch(() => undefined);
    }
  }
  fs.rmSync(workdir, { recursive: true, force: true });
});

describe('as alice, a platform admin', () => {
  beforeAll(() => startAs('alice'), 300_000);

  it('requests tenants for any team', async () => {
    expect(
      (await request(post(tenant(alphaTenant, 'team-alpha')))).status,
    ).toBe(201);
    expect((await request(post(tenant(betaTenant, 'team-beta')))).status).toBe(
      201,
    );
  });

  it('may elevate: a privileged production tenant without isolation passes the guard rails', async () => {
    const elevated = tenant(uniqueName('sec-priv'), 'team-alpha', {
      environment: 'production',
      security: { podSecurityStandard: 'privileged' },
      networking: { isolation: false },
    });
    const check = await request({
      ...post(elevated),
      route: '/api/kube-platform/tenants/guardrails',
    });
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ elevationAllowed: true, issues: [] });
    const res = await request(post(elevated, '?dryRun=true'));
    expect(res.status).toBe(200);
    expect(res.body.result).toBe('dry-run');
  });

  it('cannot overcommit a cluster either: 409 with the numbers', async () => {
    const huge = tenant(uniqueName('sec-huge'), 'team-alpha', {
      cluster: 'cluster-2',
      quota: { 'requests.cpu': '100000', 'limits.cpu': '100000' },
    });
    const res = await request(post(huge));
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/cluster-2/);
    expect(res.body.error.message).toMatch(/100000/);
    expect(res.body.error.message).toMatch(/20/);
    expect(await namespaceExists(huge.name)).toBe(false);
  });

  it('uses the stock Kubernetes proxy, with its read-only cluster identity', async () => {
    const pods = await proxy('/api/v1/namespaces/kube-system/pods');
    expect(pods.status).toBe(200);
    const secrets = await proxy('/api/v1/namespaces/kube-system/secrets');
    expect(secrets.status).toBe(403);
  });
});

describe('as bob, a member of team-alpha, after a restart', () => {
  beforeAll(() => startAs('bob'), 300_000);

  it('still sees every tenant and its history', async () => {
    const list = await backend!.api('/api/kube-platform/tenants');
    expect(list.body.items.map((t: any) => t.name)).toEqual(
      expect.arrayContaining([alphaTenant, betaTenant]),
    );
    const history = await backend!.api(
      `/api/kube-platform/tenants/cluster-1/${alphaTenant}/operations`,
    );
    expect(history.status).toBe(200);
    expect(
      history.body.items.map((o: any) => [o.action, o.actor]),
    ).toContainEqual(['create', 'user:default/alice']);
  });

  it('may not use the stock proxy: no secrets, no namespaces created or deleted', async () => {
    expect((await proxy('/api/v1/namespaces/kube-system/secrets')).status).toBe(
      403,
    );
    expect(
      (
        await proxy('/api/v1/namespaces', {
          method: 'POST',
          body: JSON.stringify({ metadata: { name: uniqueName('x') } }),
        })
      ).status,
    ).toBe(403);
    expect(
      (await proxy(`/api/v1/namespaces/${betaTenant}`, { method: 'DELETE' }))
        .status,
    ).toBe(403);
    expect(await namespaceExists(betaTenant)).toBe(true);
  });

  it('needs elevation for a privileged, open, oversized tenant: 403 naming each field, nothing created', async () => {
    const name = uniqueName('sec-bob');
    const res = await request(
      post(
        tenant(name, 'team-alpha', {
          environment: 'production',
          security: { podSecurityStandard: 'privileged' },
          networking: { isolation: false },
          quota: { 'requests.cpu': '100000', 'limits.cpu': '100000' },
        }),
      ),
    );
    expect(res.status).toBe(403);
    for (const field of [
      'security.podSecurityStandard',
      'networking.isolation',
      'quota.requests.cpu',
      'quota.limits.cpu',
    ]) {
      expect(res.body.error.message).toContain(field);
    }
    expect(res.body.error.message).toContain('kube-platform.tenant.elevate');
    expect(await namespaceExists(name)).toBe(false);

    const check = await request({
      ...post(
        tenant(name, 'team-alpha', {
          environment: 'production',
          security: { podSecurityStandard: 'privileged' },
        }),
      ),
      route: '/api/kube-platform/tenants/guardrails',
    });
    expect(check.body.elevationAllowed).toBe(false);
    expect(check.body.issues).toEqual([
      expect.objectContaining({
        field: 'security.podSecurityStandard',
        code: 'needs-elevation',
      }),
    ]);
  });

  it.each([
    ['ingress-nginx', /ingress controller/],
    ['kube-platform-system', /platform/],
    ['kube-dns-tenant', /Kubernetes/],
    ['default', /Kubernetes/],
  ])(
    'refuses the reserved namespace %s with 400 and the reason',
    async (name, reason) => {
      const res = await request(post(tenant(name, 'team-alpha')));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(reason);
    },
  );

  it('refuses quota requests above limits with 400', async () => {
    const res = await request(
      post(
        tenant(uniqueName('sec-q'), 'team-alpha', {
          quota: { 'requests.cpu': '4', 'limits.cpu': '2' },
        }),
      ),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('quota.requests.cpu');
  });

  it("gets a developer kubeconfig for team-alpha's tenant and nothing of team-beta's", async () => {
    const own = await backend!.api(
      `/api/kube-platform/tenants/cluster-1/${alphaTenant}/kubeconfig`,
    );
    expect(own.status).toBe(200);
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(own.text);
    expect(kubeConfig.getCurrentUser()?.name).toBe(
      `${alphaTenant}-developer@cluster-1`,
    );
    const pods = await kubeConfig
      .makeApiClient(CoreV1Api)
      .listNamespacedPod({ namespace: alphaTenant });
    expect(pods.items).toBeDefined();

    for (const route of [
      `/api/kube-platform/tenants/cluster-1/${betaTenant}/kubeconfig`,
      `/api/kube-platform/tenants/cluster-1/${betaTenant}/operations`,
    ]) {
      expect((await backend!.api(route)).status).toBe(403);
    }
    expect(
      (
        await backend!.api(
          `/api/kube-platform/tenants/cluster-1/${betaTenant}`,
          { method: 'DELETE' },
        )
      ).status,
    ).toBe(403);
    expect(
      (await request(post(tenant(uniqueName('sec-b2'), 'team-beta')))).status,
    ).toBe(403);
    // Reading stays open to everyone signed in.
    expect(
      (await backend!.api(`/api/kube-platform/tenants/cluster-1/${betaTenant}`))
        .status,
    ).toBe(200);
  });

  it('refuses service-only calls to mutating routes, and lets services read', async () => {
    const asService = { token: serviceToken };
    const create = await backend!.api('/api/kube-platform/tenants', {
      ...asService,
      method: 'POST',
      body: JSON.stringify(tenant(uniqueName('sec-svc'), 'team-alpha')),
    });
    expect(create.status).toBe(403);
    const remove = await backend!.api(
      `/api/kube-platform/tenants/cluster-1/${alphaTenant}`,
      {
        ...asService,
        method: 'DELETE',
      },
    );
    expect(remove.status).toBe(403);
    expect(
      (await backend!.api('/api/kube-platform/clusters', asService)).status,
    ).toBe(200);
    expect(await namespaceExists(alphaTenant)).toBe(true);
  });
});

describe('as dave, a member of team-beta, after another restart', () => {
  beforeAll(() => startAs('dave'), 300_000);

  it("is refused team-alpha's tenant and may remove team-beta's own", async () => {
    expect(
      (
        await backend!.api(
          `/api/kube-platform/tenants/cluster-1/${alphaTenant}/kubeconfig`,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await backend!.api(
          `/api/kube-platform/tenants/cluster-1/${alphaTenant}`,
          { method: 'DELETE' },
        )
      ).status,
    ).toBe(403);
    expect(
      (await proxy(`/api/v1/namespaces/${alphaTenant}`, { method: 'DELETE' }))
        .status,
    ).toBe(403);
    const own = await backend!.api(
      `/api/kube-platform/tenants/cluster-1/${betaTenant}/kubeconfig`,
    );
    expect(own.status).toBe(200);
    expect(own.text).toContain(`${betaTenant}-developer`);
    const removed = await backend!.api(
      `/api/kube-platform/tenants/cluster-1/${betaTenant}`,
      { method: 'DELETE' },
    );
    expect(removed.status).toBe(200);
    expect(await namespaceExists(alphaTenant)).toBe(true);
  });
});
