import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import { OperationStore } from './OperationStore';

jest.setTimeout(60_000);

// PostgreSQL runs when scripts/test exported its connection string (it always does in CI).
const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15', 'POSTGRES_16', 'POSTGRES_17', 'POSTGRES_18'],
  disableDocker: true,
});

async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const database = mockServices.database.mock({ getClient: async () => knex });
  return { knex, store: await OperationStore.create({ database }) };
}

describe('OperationStore', () => {
  if (process.env.KUBE_PLATFORM_REQUIRE_POSTGRES) {
    it('runs against PostgreSQL', () => {
      expect(
        databases.eachSupportedId().some(([id]) => id.startsWith('POSTGRES')),
      ).toBe(true);
    });
  }

  it.each(databases.eachSupportedId())(
    'records an operation and its per-object results on %p',
    async databaseId => {
      const { knex, store } = await createStore(databaseId);
      const started = await store.start({
        kind: 'tenant',
        action: 'create',
        cluster: 'cluster-1',
        target: 'team-alpha-dev',
        actor: 'user:default/alice',
        spec: { quota: { 'requests.cpu': '10' } },
      });
      expect(started.status).toBe('pending');
      expect(started.results).toEqual([]);

      const updated = await store.update(started.id, {
        status: 'failed',
        error: 'LimitRange rejected',
        results: [
          {
            cluster: 'cluster-1',
            kind: 'Namespace',
            name: 'team-alpha-dev',
            outcome: 'created',
          },
          {
            cluster: 'cluster-1',
            kind: 'LimitRange',
            name: 'default',
            namespace: 'team-alpha-dev',
            outcome: 'failed',
            message: 'invalid',
          },
        ],
      });
      expect(updated).toMatchObject({
        status: 'failed',
        error: 'LimitRange rejected',
        spec: { quota: { 'requests.cpu': '10' } },
      });
      expect(updated.results.map(r => r.outcome)).toEqual([
        'created',
        'failed',
      ]);
      expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(
        Date.parse(started.createdAt),
      );

      const retry = await store.start({
        kind: 'tenant',
        action: 'create',
        cluster: 'cluster-1',
        target: 'team-alpha-dev',
        actor: 'user:default/alice',
        spec: {},
      });
      const history = await store.listForTarget({
        kind: 'tenant',
        target: 'team-alpha-dev',
        cluster: 'cluster-1',
      });
      expect(history.map(o => o.id).sort()).toEqual(
        [started.id, retry.id].sort(),
      );
      expect(
        await store.listForTarget({
          kind: 'tenant',
          target: 'team-alpha-dev',
          cluster: 'cluster-2',
        }),
      ).toEqual([]);

      // Migrations are idempotent: creating the store again keeps the data.
      const again = await OperationStore.create({
        database: mockServices.database.mock({ getClient: async () => knex }),
      });
      expect((await again.get(started.id)).status).toBe('failed');
    },
  );

  it.each(databases.eachSupportedId())(
    'throws NotFoundError for unknown ids on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await expect(store.get('nope')).rejects.toThrow(NotFoundError);
      await expect(
        store.update('nope', { status: 'succeeded' }),
      ).rejects.toThrow(NotFoundError);
    },
  );
});
