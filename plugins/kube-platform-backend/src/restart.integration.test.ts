import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  kubePlatformClustersConfig,
  uniqueName,
  useLocalClusters,
} from '@kube-platform/localcluster-testing';
import knexFactory, { type Knex } from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  groupEntity,
  membershipUserInfoFactory,
  realPolicyPermissionsFactory,
} from './__testUtils__/realPolicy';
import { kubePlatformPlugin } from './plugin';

jest.setTimeout(240_000);

/*
 * A restarted backend keeps every tenant and its history: the plugin is started,
 * provisions a tenant on a real cluster, is stopped, and a new instance with a
 * new database connection to the same database lists the tenant and its
 * operations. Over a SQLite file (the embedded default) and PostgreSQL.
 */

const clusters = useLocalClusters();
const databases = TestDatabases.create({
  ids: ['POSTGRES_15'],
  disableDocker: true,
});
const BOB = { Authorization: mockCredentials.user.header('user:default/bob') };

async function startPlugin(knex: Knex, registered = clusters) {
  return startTestBackend({
    features: [
      kubePlatformPlugin,
      realPolicyPermissionsFactory,
      membershipUserInfoFactory,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: [groupEntity('team-alpha')] }),
      mockServices.rootConfig.factory({
        data: {
          kubePlatform: {
            platformAdminGroups: ['group:default/platform-team'],
            clusters: kubePlatformClustersConfig(registered),
          },
        },
      }),
    ],
  });
}

/** Connections in turn to the same database: before and after each restart. */
type Connect = () => Knex;

async function provisionRestartAndList(connect: Connect) {
  const name = uniqueName('restart');
  const first = await startPlugin(connect());
  const created = await request(first.server)
    .post('/api/kube-platform/tenants')
    .set(BOB)
    .send({
      name,
      owner: 'group:default/team-alpha',
      cluster: 'cluster-3',
      environment: 'development',
      costCenter: 'payments',
      contact: 'alpha@example.com',
    });
  expect(created.status).toBe(201);
  await first.stop();

  // cluster-3 leaves the configuration: its tenants stay listed, as unavailable.
  const without = await startPlugin(
    connect(),
    clusters.filter(c => c.name !== 'cluster-3'),
  );
  const listed = await request(without.server)
    .get('/api/kube-platform/tenants')
    .set(BOB);
  expect(listed.status).toBe(200);
  expect(listed.body.items.find((t: any) => t.name === name)).toMatchObject({
    cluster: 'cluster-3',
    phase: 'ClusterUnavailable',
  });
  await without.stop();

  const second = await startPlugin(connect());
  try {
    const list = await request(second.server)
      .get('/api/kube-platform/tenants')
      .set(BOB);
    expect(list.body.items.map((t: any) => t.name)).toContain(name);
    const history = await request(second.server)
      .get(`/api/kube-platform/tenants/cluster-3/${name}/operations`)
      .set(BOB);
    expect(history.body.items).toEqual([
      expect.objectContaining({
        action: 'create',
        actor: 'user:default/bob',
        status: 'succeeded',
      }),
    ]);
    const removed = await request(second.server)
      .delete(`/api/kube-platform/tenants/cluster-3/${name}`)
      .set(BOB);
    expect(removed.status).toBe(200);
  } finally {
    await second.stop();
  }
}

describe('a backend restart', () => {
  it('keeps every tenant and operation in a SQLite file', async () => {
    expect.hasAssertions();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-restart-'));
    const filename = path.join(dir, 'kube-platform.sqlite');
    const opened: Knex[] = [];
    try {
      await provisionRestartAndList(() => {
        const knex = knexFactory({
          client: 'better-sqlite3',
          connection: { filename },
          useNullAsDefault: true,
        });
        opened.push(knex);
        return knex;
      });
    } finally {
      await Promise.all(opened.map(k => k.destroy()));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  if (
    process.env.KUBE_PLATFORM_REQUIRE_POSTGRES ||
    databases.eachSupportedId().length > 0
  ) {
    it('keeps every tenant and operation in PostgreSQL', async () => {
      expect(databases.eachSupportedId().map(([id]) => id)).toEqual([
        'POSTGRES_15',
      ]);
      const initial = await databases.init('POSTGRES_15');
      const connection = initial.client.config.connection;
      const opened: Knex[] = [];
      try {
        await provisionRestartAndList(() => {
          const knex = knexFactory({ client: 'pg', connection });
          opened.push(knex);
          return knex;
        });
      } finally {
        await Promise.all(opened.map(k => k.destroy()));
      }
    });
  } else {
    it('keeps every tenant in PostgreSQL (skipped: no PostgreSQL configured for this run; scripts/test always provides one)', () => {
      expect(
        process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING,
      ).toBeUndefined();
    });
  }
});
