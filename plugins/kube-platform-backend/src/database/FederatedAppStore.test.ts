import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { federatedAppSchema } from '@kube-platform/plugin-kube-platform-common';
import type { Knex } from 'knex';
import { FederatedAppStore } from './FederatedAppStore';

jest.setTimeout(60_000);

// PostgreSQL runs when its connection string is exported (scripts/postgres, CI).
const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15', 'POSTGRES_16', 'POSTGRES_17', 'POSTGRES_18'],
  disableDocker: true,
});

async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const database = mockServices.database.mock({ getClient: async () => knex });
  return { knex, store: await FederatedAppStore.create({ database }) };
}

const app = (overrides: object = {}) =>
  federatedAppSchema.parse({
    name: 'web',
    namespace: 'team-a-prod',
    owner: 'group:default/team-a',
    template: {
      deployment: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        spec: {
          template: {
            spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
          },
        },
      },
    },
    placement: { clusters: [{ name: 'kind-east' }, { name: 'kind-west' }] },
    ...overrides,
  });

describe('FederatedAppStore', () => {
  if (process.env.KUBE_PLATFORM_REQUIRE_POSTGRES) {
    it('runs against PostgreSQL', () => {
      expect(
        databases.eachSupportedId().some(([id]) => id.startsWith('POSTGRES')),
      ).toBe(true);
    });
  }

  it.each(databases.eachSupportedId())(
    'stores, updates, lists and deletes apps on %p',
    async databaseId => {
      const { knex, store } = await createStore(databaseId);
      expect(await store.get('team-a-prod', 'web')).toBeUndefined();

      const first = await store.put(app(), 'user:default/bob');
      expect(first).toMatchObject({
        namespace: 'team-a-prod',
        name: 'web',
        owner: 'group:default/team-a',
        createdBy: 'user:default/bob',
      });
      expect(first.spec).toEqual(app());

      const changed = app({
        owner: 'group:default/team-b',
        placement: { clusters: [{ name: 'kind-east' }] },
      });
      const second = await store.put(changed, 'user:default/alice');
      expect(second.spec).toEqual(changed);
      expect(second.owner).toBe('group:default/team-b');
      // The first requester and time stay; the update time moves on.
      expect(second.createdBy).toBe('user:default/bob');
      expect(second.createdAt).toBe(first.createdAt);
      expect(Date.parse(second.updatedAt)).toBeGreaterThanOrEqual(
        Date.parse(first.updatedAt),
      );

      await store.put(app({ name: 'api' }), 'user:default/carol');
      await store.put(app({ namespace: 'team-c-dev' }), 'user:default/carol');
      expect((await store.list()).map(a => `${a.namespace}/${a.name}`)).toEqual(
        ['team-a-prod/api', 'team-a-prod/web', 'team-c-dev/web'],
      );
      expect(
        (await store.list({ owners: ['group:default/team-b'] })).map(
          a => a.name,
        ),
      ).toEqual(['web']);
      expect(await store.list({ owners: [] })).toEqual([]);

      expect(await store.delete('team-a-prod', 'web')).toBe(true);
      expect(await store.delete('team-a-prod', 'web')).toBe(false);
      expect(await store.get('team-a-prod', 'web')).toBeUndefined();
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps failover state apart from the spec on %p',
    async databaseId => {
      const { knex, store } = await createStore(databaseId);
      expect(
        await store.setFailover('team-a-prod', 'web', { clusters: [] }),
      ).toBe(false);
      expect((await store.put(app(), 'user:default/bob')).failover).toEqual({
        clusters: [],
      });
      const failover = {
        clusters: [
          {
            cluster: 'kind-east',
            state: 'cooling-down' as const,
            since: '2026-11-27T10:00:00.000Z',
            failbackAt: '2026-11-27T10:05:00.000Z',
          },
        ],
      };
      expect(await store.setFailover('team-a-prod', 'web', failover)).toBe(
        true,
      );
      expect((await store.get('team-a-prod', 'web'))?.failover).toEqual(
        failover,
      );
      // A deploy rewrites the spec and leaves the failover state alone.
      const redeployed = await store.put(
        app({ placement: { clusters: [{ name: 'kind-east' }] } }),
        'user:default/bob',
      );
      expect(redeployed.failover).toEqual(failover);
      await store.setFailover('team-a-prod', 'web', { clusters: [] });
      expect((await store.list())[0].failover).toEqual({ clusters: [] });
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'comments the table and every column on %p',
    async databaseId => {
      const { knex } = await createStore(databaseId);
      expect(await knex.schema.hasTable('kube_platform_federated_apps')).toBe(
        true,
      );
      expect(await uncommented(knex, databaseId)).toEqual([]);
      await knex.destroy();
    },
  );
});

/** The table and columns without a comment; SQLite keeps no comments, so none there. */
async function uncommented(knex: Knex, databaseId: string): Promise<string[]> {
  if (!databaseId.startsWith('POSTGRES')) return [];
  const { rows } = await knex.raw(
    `select a.attname as name, col_description(a.attrelid, a.attnum) as comment
       from pg_attribute a
      where a.attrelid = 'kube_platform_federated_apps'::regclass
        and a.attnum > 0 and not a.attisdropped
     union all
     select 'table', obj_description('kube_platform_federated_apps'::regclass)`,
  );
  return rows
    .filter((r: { comment: string | null }) => !r.comment)
    .map((r: { name: string }) => r.name);
}
