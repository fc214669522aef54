import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import {
  type BudgetNotificationRecord,
  BudgetNotificationStore,
} from './budgetNotificationStore';

jest.setTimeout(60_000);

// PostgreSQL runs when its connection string is exported (scripts/postgres, CI).
const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15', 'POSTGRES_16', 'POSTGRES_17', 'POSTGRES_18'],
  disableDocker: true,
});

async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const database = mockServices.database.mock({ getClient: async () => knex });
  return { knex, store: await BudgetNotificationStore.create({ database }) };
}

const record: BudgetNotificationRecord = {
  entityRef: 'group:default/team-alpha',
  month: '2026-11',
  level: 'warning',
  recipient: 'group:default/team-alpha',
  budget: 100,
  projected: 85,
  notifiedAt: Date.UTC(2026, 10, 27, 12),
};

describe.each(databases.eachSupportedId())(
  'BudgetNotificationStore on %s',
  id => {
    it('lets exactly one of two concurrent claims of a level win', async () => {
      const { knex, store } = await createStore(id);
      // A second replica on the same database.
      const other = new BudgetNotificationStore(knex);
      const results = await Promise.all([
        store.claim(record),
        other.claim({ ...record, projected: 90 }),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.claim(record)).toBe(false);
      expect(await store.levelsNotified(record.entityRef, '2026-11')).toEqual([
        'warning',
      ]);
    });

    it('keeps levels apart per month and level, refs case-insensitively', async () => {
      const { store } = await createStore(id);
      expect(await store.claim(record)).toBe(true);
      expect(await store.claim({ ...record, level: 'critical' })).toBe(true);
      expect(await store.claim({ ...record, month: '2026-12' })).toBe(true);
      expect(
        await store.claim({ ...record, entityRef: 'Group:default/Team-Alpha' }),
      ).toBe(false);
      expect(
        (
          await store.levelsNotified('group:default/team-alpha', '2026-11')
        ).sort(),
      ).toEqual(['critical', 'warning']);
      expect(await store.levelsNotified(record.entityRef, '2027-01')).toEqual(
        [],
      );
    });

    it('forgets a released level so it can be claimed again', async () => {
      const { store } = await createStore(id);
      expect(await store.claim(record)).toBe(true);
      await store.release(record);
      expect(await store.levelsNotified(record.entityRef, '2026-11')).toEqual(
        [],
      );
      expect(await store.claim(record)).toBe(true);
    });
  },
);
