import {
  type FederatedAppFailover,
  federatedAppSchema,
} from '@kube-platform/plugin-kube-platform-common';
import { nextFailoverState } from './nextFailoverState';

const placed = ['a', 'b'];
const app = (failover: object = { enabled: true, cooldown: '1m' }) =>
  federatedAppSchema.parse({
    name: 'web',
    namespace: 'team-a-prod',
    owner: 'group:default/team-a',
    template: {
      deployment: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        spec: {
          template: { spec: { containers: [{ name: 'web', image: 'x:1' }] } },
        },
      },
    },
    placement: { clusters: placed.map(name => ({ name })) },
    failover,
  });
const t0 = new Date('2026-11-27T10:00:00.000Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const none: FederatedAppFailover = { clusters: [] };
const health = (statuses: Record<string, string>) => (cluster: string) => ({
  status: statuses[cluster] ?? 'Ready',
  reason: statuses[cluster] === 'NotReady' ? 'probe timed out' : undefined,
});

describe('nextFailoverState', () => {
  it('fails a NotReady placed cluster over, naming the reason', () => {
    const next = nextFailoverState(
      app(),
      placed,
      none,
      health({ b: 'NotReady' }),
      t0,
    );
    expect(next.failover.clusters).toEqual([
      { cluster: 'b', state: 'failed-over', since: t0.toISOString() },
    ]);
    expect(next.events).toEqual([
      { cluster: 'b', event: 'failover', reason: 'NotReady: probe timed out' },
    ]);
  });

  it('does nothing when failover is off, for Unknown health, or with nowhere to go', () => {
    const off = app({ enabled: false });
    expect(
      nextFailoverState(off, placed, none, health({ b: 'NotReady' }), t0),
    ).toEqual({ failover: none, events: [] });
    expect(
      nextFailoverState(app(), placed, none, health({ b: 'Unknown' }), t0),
    ).toEqual({ failover: none, events: [] });
    expect(
      nextFailoverState(
        app(),
        placed,
        none,
        health({ a: 'NotReady', b: 'NotReady' }),
        t0,
      ),
    ).toEqual({ failover: none, events: [] });
  });

  it('cools down when Ready again and fails back only after continuous readiness for the cooldown', () => {
    const failed = nextFailoverState(
      app(),
      placed,
      none,
      health({ b: 'NotReady' }),
      t0,
    ).failover;
    const cooling = nextFailoverState(
      app(),
      placed,
      failed,
      health({}),
      at(10),
    );
    expect(cooling.failover.clusters).toEqual([
      {
        cluster: 'b',
        state: 'cooling-down',
        since: at(10).toISOString(),
        failbackAt: at(70).toISOString(),
      },
    ]);
    expect(cooling.events.map(e => e.event)).toEqual(['cooldown']);
    const waiting = nextFailoverState(
      app(),
      placed,
      cooling.failover,
      health({}),
      at(69),
    );
    expect(waiting).toEqual({ failover: cooling.failover, events: [] });
    const back = nextFailoverState(
      app(),
      placed,
      cooling.failover,
      health({}),
      at(70),
    );
    expect(back.failover).toEqual(none);
    expect(back.events.map(e => e.event)).toEqual(['failback']);
  });

  it('starts the cooldown over when the cluster flaps NotReady during it (no flapping)', () => {
    const cooling = {
      clusters: [
        {
          cluster: 'b',
          state: 'cooling-down' as const,
          since: t0.toISOString(),
          failbackAt: at(60).toISOString(),
        },
      ],
    };
    const flapped = nextFailoverState(
      app(),
      placed,
      cooling,
      health({ b: 'NotReady' }),
      at(30),
    );
    expect(flapped.failover.clusters).toEqual([
      { cluster: 'b', state: 'failed-over', since: at(30).toISOString() },
    ]);
    expect(flapped.events.map(e => e.event)).toEqual(['restart']);
    const again = nextFailoverState(
      app(),
      placed,
      flapped.failover,
      health({}),
      at(61),
    );
    expect(again.failover.clusters[0]).toMatchObject({
      state: 'cooling-down',
      failbackAt: at(121).toISOString(),
    });
  });

  it('forgets a cluster that left the placement once it answers again, keeps it while it does not', () => {
    const failed = {
      clusters: [
        {
          cluster: 'gone',
          state: 'failed-over' as const,
          since: t0.toISOString(),
        },
      ],
    };
    expect(
      nextFailoverState(app(), placed, failed, health({ gone: 'NotReady' }), t0)
        .failover,
    ).toEqual(failed);
    const forgotten = nextFailoverState(app(), placed, failed, health({}), t0);
    expect(forgotten.failover).toEqual(none);
    expect(forgotten.events.map(e => e.event)).toEqual(['forget']);
  });
});
