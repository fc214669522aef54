import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { type BudgetStanding, budgetAlertFor } from './budgetAlert';
import { BudgetNotificationStore } from './budgetNotificationStore';
import { notifyBudgetAlert } from './notifyBudgetAlert';

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

const standing: BudgetStanding = {
  entityRef: 'system:default/shop',
  owner: 'group:default/team-alpha',
  monthly: 50,
  currency: 'USD',
  monthToDate: 10,
  projected: 45,
  level: 'warning',
};
const NOW = Date.UTC(2026, 10, 27, 12);

/** Records what is sent; fails while `failing` is set. */
function recordingNotifications() {
  const sent: NotificationSendOptions[] = [];
  const service = {
    failing: false,
    sent,
    async send(options: NotificationSendOptions) {
      if (service.failing) throw new Error('notifications unavailable');
      sent.push(options);
    },
  };
  return service;
}

async function setup() {
  const knex = await databases.init('SQLITE_3');
  const database = mockServices.database.mock({ getClient: async () => knex });
  const store = await BudgetNotificationStore.create({ database });
  const notifications = recordingNotifications();
  const send = async (s: BudgetStanding) => {
    const alert = budgetAlertFor(
      s,
      await store.levelsNotified(s.entityRef, '2026-11'),
    );
    if (!alert) return false;
    return notifyBudgetAlert({
      alert,
      standing: s,
      month: '2026-11',
      now: NOW,
      store,
      notifications,
      logger: mockServices.logger.mock(),
    });
  };
  return { store, notifications, send };
}

describe('notifyBudgetAlert', () => {
  it('sends a rising level once to the owning group and records it', async () => {
    const { store, notifications, send } = await setup();
    expect(await send(standing)).toBe(true);
    expect(await send(standing)).toBe(false);
    expect(await send({ ...standing, projected: 60, level: 'critical' })).toBe(
      true,
    );
    expect(notifications.sent.map(n => n.recipients)).toEqual([
      { type: 'entity', entityRef: 'group:default/team-alpha' },
      { type: 'entity', entityRef: 'group:default/team-alpha' },
    ]);
    expect(notifications.sent.map(n => n.payload.severity)).toEqual([
      'high',
      'critical',
    ]);
    expect(
      (await store.levelsNotified('system:default/shop', '2026-11')).sort(),
    ).toEqual(['critical', 'warning']);
  });

  it('does not send a level another writer already claimed', async () => {
    const { store, notifications } = await setup();
    const alert = budgetAlertFor(standing, [])!;
    await store.claim({
      entityRef: standing.entityRef,
      month: '2026-11',
      level: 'warning',
      recipient: standing.owner,
      budget: 50,
      projected: 45,
      notifiedAt: NOW,
    });
    const sent = await notifyBudgetAlert({
      alert,
      standing,
      month: '2026-11',
      now: NOW,
      store,
      notifications,
      logger: mockServices.logger.mock(),
    });
    expect(sent).toBe(false);
    expect(notifications.sent).toEqual([]);
  });

  it('forgets the level when sending fails, so the next run sends it', async () => {
    const { store, notifications, send } = await setup();
    notifications.failing = true;
    await expect(send(standing)).rejects.toThrow('notifications unavailable');
    expect(await store.levelsNotified(standing.entityRef, '2026-11')).toEqual(
      [],
    );
    notifications.failing = false;
    expect(await send(standing)).toBe(true);
    expect(notifications.sent).toHaveLength(1);
  });
});
