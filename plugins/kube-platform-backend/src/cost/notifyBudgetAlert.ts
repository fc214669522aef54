import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { BudgetAlert, BudgetStanding } from './budgetAlert';
import type { BudgetNotificationStore } from './budgetNotificationStore';

/**
 * Sends the alert once: the level is recorded first and only the writer whose
 * record wins sends (a second replica or a rerun finds the record and stays
 * quiet). A send that fails forgets the record, so the next run retries.
 * Returns whether this call sent it.
 */
export async function notifyBudgetAlert(input: {
  alert: BudgetAlert;
  standing: BudgetStanding;
  month: string;
  now: number;
  store: BudgetNotificationStore;
  notifications: NotificationService;
  logger: LoggerService;
}): Promise<boolean> {
  const { alert, standing, month } = input;
  const won = await input.store.claim({
    entityRef: standing.entityRef,
    month,
    level: alert.level,
    recipient: alert.recipient,
    budget: standing.monthly,
    projected: standing.projected,
    notifiedAt: input.now,
  });
  if (!won) return false;
  try {
    await input.notifications.send({
      recipients: { type: 'entity', entityRef: alert.recipient },
      payload: alert.payload,
    });
  } catch (error) {
    await input.store.release({
      entityRef: standing.entityRef,
      month,
      level: alert.level,
    });
    throw error;
  }
  input.logger.info(
    `Budget ${alert.level} for ${standing.entityRef} sent to ${
      alert.recipient
    }: projected ${standing.projected.toFixed(2)} of ${standing.monthly} ${
      standing.currency
    }`,
  );
  return true;
}
