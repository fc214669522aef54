import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  costSampleKey,
  HOUR_MS,
  zeroCostFigures,
} from '@kube-platform/plugin-kube-platform-common';
import type { ClusterRegistry } from '@kube-platform/plugin-kube-platform-node';
import type { StoredTenant } from '../database/TenantStore';
import { evaluateBudgets, tenantBudgetEntity } from './budgetEvaluation';
import { BudgetNotificationStore } from './budgetNotificationStore';
import { CostStore } from './CostStore';
import { readCostSettings } from './readCostSettings';

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

// 83.5 hours before the end of November.
const NOW = Date.UTC(2026, 10, 27, 12, 30);
const T0 = Date.UTC(2026, 10, 27, 12);

function entity(
  kind: string,
  name: string,
  budget: string,
  spec: object = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'kube-platform.io/monthly-budget': budget },
    },
    spec,
  };
}

const tenant = {
  cluster: 'cluster-1',
  name: 'alpha-dev',
  namespace: 'alpha-dev',
  owner: 'group:default/team-alpha',
  spec: { budget: '50' },
} as StoredTenant;

async function setup() {
  const knex = await databases.init('SQLITE_3');
  const database = mockServices.database.mock({ getClient: async () => knex });
  const costStore = await CostStore.create({ database });
  // Half an hour of the tenant's namespace at 1.00 an hour.
  await costStore.addSample(
    {
      cluster: 'cluster-1',
      interval: { start: T0, end: T0 + HOUR_MS / 2 },
      idempotencyKey: costSampleKey('cluster-1', T0),
      rows: [
        {
          ...zeroCostFigures(),
          cluster: 'cluster-1',
          namespace: 'alpha-dev',
          workload: 'Deployment/web',
          bucketStart: T0,
          labels: {},
          totalCost: 0.5,
          cpuCost: 0.5,
        },
      ],
      idle: zeroCostFigures(),
      unchargedClaims: [],
      measuredPods: 1,
      estimatedPods: 0,
    },
    'metrics',
  );
  const sent: NotificationSendOptions[] = [];
  const deps = {
    auth: mockServices.auth(),
    catalog: catalogServiceMock({
      entities: [
        // Projected 0.5 + 1.00 × 83.5 = 84 of 100: warning.
        entity('Group', 'team-alpha', '100', { type: 'team', children: [] }),
        // Another currency: not compared, not evaluated.
        entity('Group', 'team-beta', '10 EUR', { type: 'team', children: [] }),
        // No owner to tell.
        entity('Component', 'orphan', '1', { type: 'service' }),
      ],
    }),
    tenants: { list: async () => [tenant] },
    clusterRegistry: {
      listClusters: () => [{ name: 'cluster-1' }],
    } as unknown as Pick<ClusterRegistry, 'listClusters'>,
    cost: { costStore, costSettings: readCostSettings(new ConfigReader({})) },
    notificationStore: await BudgetNotificationStore.create({ database }),
    notifications: {
      send: async (o: NotificationSendOptions) => void sent.push(o),
    },
    logger: mockServices.logger.mock(),
  };
  return { deps, sent };
}

describe('evaluateBudgets', () => {
  it('notifies each owner once per rising level, tenants included; a second run sends none', async () => {
    const { deps, sent } = await setup();
    const first = await evaluateBudgets(deps, NOW);
    // team-alpha, the orphan component and the tenant; team-beta's EUR budget is skipped.
    expect(first.evaluated).toBe(3);
    expect(first.sent).toEqual([
      { entityRef: 'group:default/team-alpha', level: 'warning' },
      // Projected 84 of 50.
      { entityRef: 'resource:default/cluster-1-alpha-dev', level: 'critical' },
    ]);
    expect(sent.map(s => s.recipients)).toEqual([
      { type: 'entity', entityRef: 'group:default/team-alpha' },
      { type: 'entity', entityRef: 'group:default/team-alpha' },
    ]);
    expect(sent[0].payload.title).toBe(
      'group:default/team-alpha is projected near its budget: 84.00 USD of 100.00 USD (84 %)',
    );
    expect(sent[1].payload.link).toBe(
      '/catalog/default/resource/cluster-1-alpha-dev/cost',
    );

    const second = await evaluateBudgets(deps, NOW + 60_000);
    expect(second.sent).toEqual([]);
    expect(sent).toHaveLength(2);
  });

  it('reads a tenant without a budget as nothing to evaluate', () => {
    expect(
      tenantBudgetEntity({ ...tenant, spec: {} } as StoredTenant),
    ).toBeUndefined();
    expect(tenantBudgetEntity(tenant)?.metadata).toEqual({
      name: 'cluster-1-alpha-dev',
      namespace: 'default',
      annotations: { 'kube-platform.io/monthly-budget': '50' },
    });
  });
});
