import { federatedAppSchema } from '@kube-platform/plugin-kube-platform-common';
import { layoutOf, planLayout } from './federatedLayout';

const placed = ['a', 'b', 'c'];
const app = (changes: object = {}) =>
  federatedAppSchema.parse({
    name: 'web',
    namespace: 'team-a-prod',
    owner: 'group:default/team-a',
    template: {
      deployment: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        spec: {
          replicas: 2,
          template: { spec: { containers: [{ name: 'web', image: 'x:1' }] } },
        },
      },
    },
    placement: { clusters: placed.map(name => ({ name })) },
    ...changes,
  });
const since = '2026-11-27T10:00:00.000Z';

describe('layoutOf', () => {
  it('splits placed clusters into active, held (cooling down) and away (failed over)', () => {
    expect(
      layoutOf(placed, {
        clusters: [
          { cluster: 'b', state: 'failed-over', since },
          { cluster: 'c', state: 'cooling-down', since, failbackAt: since },
          { cluster: 'gone', state: 'failed-over', since },
        ],
      }),
    ).toEqual({ active: ['a'], held: ['c'], away: ['b', 'gone'] });
  });
});

describe('planLayout', () => {
  it('is the app plan on the whole placement', () => {
    const layout = layoutOf(placed, { clusters: [] });
    expect(planLayout(app(), placed, layout, {}).plan).toEqual({
      a: 2,
      b: 2,
      c: 2,
    });
  });

  it('without replicaScheduling, moves the failed cluster replicas to the others and holds a cooling-down one at 0', () => {
    const layout = layoutOf(placed, {
      clusters: [
        { cluster: 'b', state: 'failed-over', since },
        { cluster: 'c', state: 'cooling-down', since, failbackAt: since },
      ],
    });
    expect(planLayout(app(), placed, layout, {}).plan).toEqual({ a: 6, c: 0 });
  });

  it('without replicaScheduling, spreads the total with equal weights, each active cluster keeping its own', () => {
    const layout = layoutOf(placed, {
      clusters: [{ cluster: 'b', state: 'failed-over', since }],
    });
    const { plan } = planLayout(app(), placed, layout, {});
    expect(plan.a + plan.c).toBe(6);
    expect(plan.a).toBeGreaterThanOrEqual(2);
    expect(plan.c).toBeGreaterThanOrEqual(2);
  });

  it('with replicaScheduling, runs the KubeFed planner over the active clusters', () => {
    const rsp = app({
      replicaScheduling: {
        totalReplicas: 9,
        rebalance: true,
        clusters: { a: { weight: 2 }, b: { weight: 1 }, c: { weight: 1 } },
      },
    });
    const layout = layoutOf(placed, {
      clusters: [{ cluster: 'c', state: 'failed-over', since }],
    });
    expect(planLayout(rsp, placed, layout, {}).plan).toEqual({ a: 6, b: 3 });
  });
});
