import {
  BUDGET_NOTIFICATION_TOPIC,
  type BudgetStanding,
  budgetAlertFor,
  entityCostTabPath,
} from './budgetAlert';

const standing: BudgetStanding = {
  entityRef: 'group:default/team-alpha',
  owner: 'group:default/team-alpha',
  monthly: 100,
  currency: 'USD',
  monthToDate: 30,
  projected: 85,
  level: 'warning',
};

describe('budgetAlertFor', () => {
  it('alerts the owner once the projection reaches 80 %, with the numbers and the Cost tab', () => {
    expect(budgetAlertFor(standing, [])).toEqual({
      level: 'warning',
      recipient: 'group:default/team-alpha',
      payload: {
        title:
          'group:default/team-alpha is projected near its budget: 85.00 USD of 100.00 USD (85 %)',
        description:
          'Month to date 30.00 USD; projected month-end 85.00 USD against a monthly budget of 100.00 USD.',
        link: '/catalog/default/group/team-alpha/cost',
        severity: 'high',
        topic: BUDGET_NOTIFICATION_TOPIC,
      },
    });
  });

  it('sends critical with critical severity, also after a warning', () => {
    const critical = {
      ...standing,
      projected: 120,
      level: 'critical' as const,
    };
    const alert = budgetAlertFor(critical, ['warning']);
    expect(alert?.level).toBe('critical');
    expect(alert?.payload.severity).toBe('critical');
    expect(alert?.payload.title).toContain('over its budget: 120.00 USD');
  });

  it('stays quiet for ok, for a level already sent and below a level sent', () => {
    expect(budgetAlertFor({ ...standing, level: 'ok' }, [])).toBeUndefined();
    expect(budgetAlertFor(standing, ['warning'])).toBeUndefined();
    expect(budgetAlertFor(standing, ['critical'])).toBeUndefined();
  });

  it('sends nothing for an entity no group owns', () => {
    expect(budgetAlertFor({ ...standing, owner: '' }, [])).toBeUndefined();
  });

  it('links a component to its Cost tab', () => {
    expect(entityCostTabPath('component:shop/payments-api')).toBe(
      '/catalog/shop/component/payments-api/cost',
    );
  });
});
