import { fnv1Hash32 } from './fnv';
import { planReplicas } from './planReplicas';

describe('planReplicas', () => {
  it('orders equal weights by the FNV-1 hash of cluster name plus key', () => {
    const clusters = ['eu-1', 'us-1'];
    const key = 'shop/web';
    const first = clusters
      .slice()
      .sort((a, b) => fnv1Hash32(a + key) - fnv1Hash32(b + key))[0];
    const { plan } = planReplicas({
      clusters,
      totalReplicas: 1,
      preferences: { '*': { weight: 1 } },
      key,
    });
    const second = clusters.find(c => c !== first)!;
    expect(plan).toEqual({ [first]: 1, [second]: 0 });
    // Another key may reorder the clusters; the plan follows the hash, not the name.
    const other = planReplicas({
      clusters,
      totalReplicas: 1,
      preferences: { '*': { weight: 1 } },
      key: 'x',
    }).plan;
    const firstX = fnv1Hash32('eu-1x') < fnv1Hash32('us-1x') ? 'eu-1' : 'us-1';
    expect(other[firstX]).toBe(1);
  });

  it('gives 0 to clusters with no preference when there is no "*"', () => {
    const { plan } = planReplicas({
      clusters: ['a', 'b', 'c'],
      totalReplicas: 9,
      preferences: { a: { weight: 2 }, b: { weight: 1 } },
    });
    expect(plan).toEqual({ a: 6, b: 3, c: 0 });
  });

  it('splits 2:1 weights of the issue example', () => {
    const { plan, overflow } = planReplicas({
      clusters: ['kind-east', 'kind-west'],
      totalReplicas: 6,
      preferences: { 'kind-east': { weight: 2 }, 'kind-west': { weight: 1 } },
    });
    expect(plan).toEqual({ 'kind-east': 4, 'kind-west': 2 });
    expect(overflow).toEqual({});
  });

  it('keeps current replicas without rebalance and moves them with rebalance', () => {
    const input = {
      clusters: ['a', 'b'],
      totalReplicas: 10,
      preferences: { '*': { weight: 1 } },
      current: { a: 8, b: 2 },
    };
    expect(planReplicas(input).plan).toEqual({ a: 8, b: 2 });
    expect(planReplicas({ ...input, rebalance: true }).plan).toEqual({
      a: 5,
      b: 5,
    });
  });

  it('leaves replicas unplaced when every cluster is capped', () => {
    const { plan } = planReplicas({
      clusters: ['a', 'b'],
      totalReplicas: 10,
      preferences: { '*': { weight: 1, maxReplicas: 3 } },
    });
    expect(plan).toEqual({ a: 3, b: 3 });
  });

  it.each([
    [{ totalReplicas: -1 }, 'totalReplicas'],
    [{ totalReplicas: 1.5 }, 'totalReplicas'],
    [{ preferences: { a: { weight: -2 } } }, 'preferences.a.weight'],
    [{ preferences: { a: { maxReplicas: 0.5 } } }, 'preferences.a.maxReplicas'],
    [{ capacity: { a: -1 } }, 'capacity.a'],
    [{ current: { a: Number.NaN } }, 'current.a'],
  ])('refuses %j naming %s', (patch, field) => {
    expect(() =>
      planReplicas({
        clusters: ['a'],
        totalReplicas: 1,
        preferences: { '*': { weight: 1 } },
        ...patch,
      }),
    ).toThrow(
      new RegExp(
        `^${field.replace('.', '\\.')} must be a non-negative integer`,
      ),
    );
  });
});
