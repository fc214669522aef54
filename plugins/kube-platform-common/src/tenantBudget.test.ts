import { tenantRequestSchema } from './tenant';
import { resolveTenantSpec } from './tenantPresets';

const valid = {
  name: 'alpha-prod',
  owner: 'group:default/team-alpha',
  cluster: 'cluster-1',
  environment: 'production',
  costCenter: 'engineering',
  contact: 'alpha-team@example.com',
};

function issues(input: unknown) {
  const result = tenantRequestSchema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map(i => ({
        path: i.path.join('.'),
        message: i.message,
      }));
}

describe('a tenant request budget', () => {
  it.each(['500', '1250.50 EUR', ' 80 USD '])('accepts %p', budget => {
    expect(issues({ ...valid, budget })).toEqual([]);
  });

  it.each([
    ['cheap', 'is not a budget'],
    ['0', 'must be greater than 0'],
    ['-5', 'is not a budget'],
    ['500 usd', 'is not a budget'],
  ])('rejects %p at the field budget', (budget, reason) => {
    const [issue, ...rest] = issues({ ...valid, budget });
    expect(rest).toEqual([]);
    expect(issue.path).toBe('budget');
    expect(issue.message).toContain(reason);
    expect(issue.message).not.toMatch(/^budget:/);
  });

  it('rejects a budget that is not a string', () => {
    expect(issues({ ...valid, budget: 500 }).map(i => i.path)).toEqual([
      'budget',
    ]);
  });

  it('is carried into the spec, trimmed, and absent when not asked for', () => {
    const withBudget = tenantRequestSchema.parse({
      ...valid,
      budget: ' 80 USD ',
    });
    expect(resolveTenantSpec(withBudget).budget).toBe('80 USD');
    const without = resolveTenantSpec(tenantRequestSchema.parse(valid));
    expect('budget' in without).toBe(false);
  });
});
