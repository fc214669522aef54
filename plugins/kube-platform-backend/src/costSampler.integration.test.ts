import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  kubePlatformClustersConfig,
  useLocalClusters,
} from '@kube-platform/localcluster-testing';
import {
  ClusterHealthMonitor,
  createClusterCacheService,
  createClusterRegistryFromConfig,
  createWatchedKindRegistry,
} from '@kube-platform/plugin-kube-platform-node';
import { clusterWithoutMetrics } from './cost/__testUtils__/costTestKit';
import { CostStore } from './cost/CostStore';
import { COST_WATCHED_KINDS } from './cost/costWatchedKinds';
import { readCostSettings } from './cost/readCostSettings';
import { sampleClusterCosts } from './cost/sampleClusterCosts';

jest.setTimeout(120_000);

// Real clusters and their real watch caches; only the clock is chosen, so both runs see the same grid.
const clusters = useLocalClusters();
const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15', 'POSTGRES_16', 'POSTGRES_17', 'POSTGRES_18'],
  disableDocker: true,
});
const logger = mockServices.logger.mock();

let off: Awaited<ReturnType<typeof clusterWithoutMetrics>>;

function platform() {
  const config = new ConfigReader({
    kubePlatform: {
      clusters: [
        ...kubePlatformClustersConfig(clusters),
        ...(off.owned
          ? kubePlatformClustersConfig([off.cluster]).map(c => ({
              ...c,
              host: false,
            }))
          : []),
      ],
      cost: { sampleFrequency: '10s' },
    },
  });
  const clusterRegistry = createClusterRegistryFromConfig(config);
  const watchedKinds = createWatchedKindRegistry();
  watchedKinds.addKind(...COST_WATCHED_KINDS);
  const clusterCache = createClusterCacheService({
    clusterRegistry,
    logger,
    watchedKinds,
  });
  const clusterHealth = new ClusterHealthMonitor({ clusterRegistry, logger });
  return {
    settings: readCostSettings(config),
    clusterRegistry,
    clusterCache,
    clusterHealth,
  };
}

// Built once the harness has attached the clusters.
let world: ReturnType<typeof platform>;

beforeAll(async () => {
  off = await clusterWithoutMetrics(clusters);
  world = platform();
  await world.clusterCache.start();
  await world.clusterHealth.probeAll();
});
afterAll(async () => {
  world?.clusterCache.stop();
  await off?.release();
});

async function replica(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const database = mockServices.database.mock({ getClient: async () => knex });
  return { knex, store: await CostStore.create({ database }) };
}

describe('the cost sampler', () => {
  if (process.env.KUBE_PLATFORM_REQUIRE_POSTGRES) {
    it('runs against PostgreSQL', () => {
      expect(
        databases.eachSupportedId().some(([id]) => id.startsWith('POSTGRES')),
      ).toBe(true);
    });
  }

  it.each(databases.eachSupportedId())(
    'counts an interval once when run twice, and when two replicas race, on %p',
    async databaseId => {
      const { knex, store } = await replica(databaseId);
      const deps = { ...world, store, logger };
      const now = Date.now();
      const first = await sampleClusterCosts(deps, 'cluster-1', now);
      expect(first.sampled).toHaveLength(1);
      expect(first.usageSource).toBe('metrics');
      // A restart: the same interval again adds nothing.
      const again = await sampleClusterCosts(deps, 'cluster-1', now);
      expect(again).toEqual({ cluster: 'cluster-1', sampled: [], gaps: [] });

      // Two replicas (two stores on the same database) sampling the next interval at once.
      const other = new CostStore(knex);
      const later = now + 10_000;
      const raced = await Promise.all([
        sampleClusterCosts(deps, 'cluster-1', later),
        sampleClusterCosts({ ...deps, store: other }, 'cluster-1', later),
      ]);
      expect(raced.map(r => r.sampled.length).sort()).toEqual([0, 1]);
      const samples = await knex('kube_platform_cost_samples').where({
        cluster: 'cluster-1',
      });
      expect(samples).toHaveLength(2);

      // The cluster without metrics is priced from requests, and says so.
      const fallback = await sampleClusterCosts(deps, off.cluster.name, now);
      expect(fallback.usageSource).toBe('requests');
    },
  );

  it.each(databases.eachSupportedId())(
    'records cells it came back too late for as a gap, on %p',
    async databaseId => {
      const { store } = await replica(databaseId);
      const deps = { ...world, store, logger };
      const now = Date.now();
      await sampleClusterCosts(deps, 'cluster-2', now);
      // Ten intervals later: the last three are sampled, the seven before are a gap.
      const report = await sampleClusterCosts(deps, 'cluster-2', now + 100_000);
      expect(report.sampled).toHaveLength(3);
      expect(report.gaps).toHaveLength(1);
      expect(report.gaps[0].end - report.gaps[0].start).toBe(70_000);
      expect(report.gaps[0].reason).toMatch(/not sampled in time/);
    },
  );
});
