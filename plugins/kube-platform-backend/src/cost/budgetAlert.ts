import { parseEntityRef } from '@backstage/catalog-model';
import type {
  NotificationPayload,
  NotificationSeverity,
} from '@backstage/plugin-notifications-common';
import {
  type BudgetLevel,
  budgetNotificationFor,
} from '@kube-platform/plugin-kube-platform-common';

/** Topic of budget notifications, for filtering in the notifications page. */
export const BUDGET_NOTIFICATION_TOPIC = 'kube-platform-cost-budget';

/** An entity's budget this month, as the Cost tab shows it. */
export interface BudgetStanding {
  entityRef: string;
  /** Entity ref of the group that owns the entity (the group itself for a Group). */
  owner: string;
  monthly: number;
  currency: string;
  monthToDate: number;
  projected: number;
  level: BudgetLevel;
}

/** A notification to send, and the level it records. */
export interface BudgetAlert {
  level: Exclude<BudgetLevel, 'ok'>;
  recipient: string;
  payload: NotificationPayload;
}

const SEVERITY: Record<BudgetAlert['level'], NotificationSeverity> = {
  warning: 'high',
  critical: 'critical',
};

const money = (amount: number, currency: string) =>
  `${amount.toFixed(2)} ${currency}`;

/** Path of the entity's Cost tab in the app. */
export function entityCostTabPath(entityRef: string): string {
  const ref = parseEntityRef(entityRef);
  const kind = ref.kind.toLocaleLowerCase('en-US');
  return `/catalog/${ref.namespace}/${kind}/${ref.name}/cost`;
}

/**
 * The notification to send for the standing, given the levels already sent
 * this month: none when the level did not rise above every level sent (see
 * `budgetNotificationFor`) or when no group owns the entity.
 */
export function budgetAlertFor(
  standing: BudgetStanding,
  notifiedThisMonth: readonly BudgetLevel[],
): BudgetAlert | undefined {
  const level = budgetNotificationFor(standing.level, notifiedThisMonth);
  if (!level || level === 'ok' || !standing.owner) return undefined;
  const { currency } = standing;
  const percent = Math.round((standing.projected / standing.monthly) * 100);
  const word = level === 'critical' ? 'over' : 'near';
  return {
    level,
    recipient: standing.owner,
    payload: {
      title: `${standing.entityRef} is projected ${word} its budget: ${money(
        standing.projected,
        currency,
      )} of ${money(standing.monthly, currency)} (${percent} %)`,
      description: `Month to date ${money(
        standing.monthToDate,
        currency,
      )}; projected month-end ${money(
        standing.projected,
        currency,
      )} against a monthly budget of ${money(standing.monthly, currency)}.`,
      link: entityCostTabPath(standing.entityRef),
      severity: SEVERITY[level],
      topic: BUDGET_NOTIFICATION_TOPIC,
    },
  };
}
