import {
  isApiError,
  kubePlatformClustersConfig,
  uniqueName,
  useLocalClusters,
} from '@kube-platform/localcluster-testing';
import { CoreV1Api } from '@kubernetes/client-node';
import type { Server } from 'node:http';
import request from 'supertest';
import { as, startKubePlatform } from '../__testUtils__/startKubePlatform';

jest.setTimeout(240_000);

/*
 * `POST /tenants/guardrails` prices the resolved quota with the cluster's
 * prices: the default pricing overridden per cluster, as configured, through
 * the real permission policy and the real clusters' caches.
 */

const clusters = useLocalClusters();
let server: Server;

beforeAll(async () => {
  const backend = await startKubePlatform(clusters, {
    clusters: kubePlatformClustersConfig(clusters).map(c =>
      c.name === 'cluster-2'
        ? {
            ...c,
            pricing: {
              cpuCoreHour: 0.1,
              memoryGiBHour: 0.02,
              storageGiBHour: 0.002,
            },
          }
        : c,
    ),
    cost: { pricing: { cpuCoreHour: 0.04 } },
  });
  server = backend.server;
});

function tenantRequest(name: string, overrides: object = {}) {
  return {
    name,
    owner: 'group:default/team-alpha',
    cluster: 'cluster-1',
    environment: 'development',
    costCenter: 'payments',
    contact: 'alpha@example.com',
    ...overrides,
  };
}

const guardrails = (user: string, body: object) =>
  request(server)
    .post('/api/kube-platform/tenants/guardrails')
    .set(as(user))
    .send(body);

describe('the monthly cost of a requested quota at full use', () => {
  it('prices the preset with the default pricing and its override', async () => {
    const res = await guardrails(
      'bob',
      tenantRequest(uniqueName('cost-small'), { quotaPreset: 'small' }),
    );
    expect(res.status).toBe(200);
    // 8 cores × 0.04 × 720 = 230.4; 16 GiB × 0.01 × 720 = 115.2; 50 GiB × 0.001 × 720 = 36
    expect(res.body.monthlyCostAtFullUse).toEqual({
      amount: 381.6,
      currency: 'USD',
      basis:
        '8 CPU cores, 16 GiB of memory and 50 GiB of storage for 720 hours (a 30-day month)',
      hours: 720,
      cpu: { cores: 8, cost: 230.4 },
      memory: { gib: 16, cost: 115.2 },
      storage: { gib: 50, cost: 36 },
    });
  });

  it("prices a cluster with the cluster's own prices", async () => {
    const res = await guardrails(
      'bob',
      tenantRequest(uniqueName('cost-medium'), {
        cluster: 'cluster-2',
        quotaPreset: 'medium',
      }),
    );
    expect(res.status).toBe(200);
    // 40 × 0.1 × 720 = 2880; 80 × 0.02 × 720 = 1152; 200 × 0.002 × 720 = 288
    expect(res.body.monthlyCostAtFullUse).toMatchObject({
      amount: 4320,
      currency: 'USD',
      cpu: { cores: 40, cost: 2880 },
      memory: { gib: 80, cost: 1152 },
      storage: { gib: 200, cost: 288 },
    });
  });

  it('prices a custom quota merged over the preset, and creates nothing', async () => {
    const name = uniqueName('cost-custom');
    const res = await guardrails(
      'bob',
      tenantRequest(name, {
        quotaPreset: 'small',
        quota: { 'requests.cpu': '1', 'limits.cpu': '2' },
      }),
    );
    expect(res.status).toBe(200);
    // 2 × 0.04 × 720 = 57.6, plus the preset's memory (115.2) and storage (36)
    expect(res.body.monthlyCostAtFullUse).toMatchObject({
      amount: 208.8,
      cpu: { cores: 2, cost: 57.6 },
    });
    const core = clusters
      .find(c => c.name === 'cluster-1')!
      .kubeConfig.makeApiClient(CoreV1Api);
    const read = await core.readNamespace({ name }).catch(error => error);
    expect(isApiError(read, 404)).toBe(true);
  });

  it('tells a member of another group nothing: 403 without a cost', async () => {
    const res = await guardrails(
      'dave',
      tenantRequest(uniqueName('cost-other'), { quotaPreset: 'small' }),
    );
    expect(res.status).toBe(403);
    expect(res.body.monthlyCostAtFullUse).toBeUndefined();
  });

  it('refuses a malformed budget with 400 naming budget', async () => {
    const res = await guardrails(
      'bob',
      tenantRequest(uniqueName('cost-budget'), { budget: 'cheap' }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/budget/);
  });
});
