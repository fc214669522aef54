import {
  paymentsWebDetails,
  paymentsWebRolledOut,
} from '../../testing/federationFixtures';
import {
  describeDrift,
  describeRollout,
  formatUntil,
  isRolloutInProgress,
} from './federationDisplay';

describe('isRolloutInProgress', () => {
  it('is true while a cluster rolls out, or runs other replicas than planned', () => {
    expect(isRolloutInProgress(paymentsWebDetails)).toBe(true);
    expect(isRolloutInProgress(paymentsWebRolledOut)).toBe(false);
    expect(
      isRolloutInProgress({
        ...paymentsWebRolledOut,
        plan: { plan: { 'cluster-1': 5, 'cluster-2': 1 }, overflow: {} },
      }),
    ).toBe(true);
  });
});

describe('describeRollout', () => {
  it('names the state of each cluster', () => {
    expect(describeRollout(undefined).text).toBe('No status');
    expect(describeRollout({ cluster: 'c', state: 'missing' })).toEqual({
      level: 'error',
      text: 'Deployment missing',
    });
    expect(
      describeRollout({ cluster: 'c', state: 'unreachable', error: 'timeout' })
        .text,
    ).toBe('Unreachable: timeout');
    expect(
      describeRollout({ cluster: 'c', state: 'not-synced', error: 'watch 403' })
        .text,
    ).toBe('Cache not synced: watch 403');
    expect(
      describeRollout({
        cluster: 'c',
        state: 'present',
        generation: 4,
        observedGeneration: 3,
        rolledOut: false,
      }).text,
    ).toBe('Waiting for the controller');
  });
});

describe('describeDrift', () => {
  it('is undefined without drift and names the drifted fields otherwise', () => {
    expect(describeDrift(undefined)).toBeUndefined();
    expect(describeDrift({ drift: false })).toBeUndefined();
    expect(describeDrift({})).toBeUndefined();
    expect(
      describeDrift({
        drift: true,
        driftedFields: [
          'spec.replicas',
          'spec.template.spec.containers[0].image',
        ],
      }),
    ).toBe('spec.replicas, spec.template.spec.containers[0].image');
    expect(describeDrift({ drift: true })).toBe('Drifted');
  });
});

describe('formatUntil', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  it('counts down to a time and says now once past', () => {
    expect(formatUntil('2026-01-01T12:00:42Z', now)).toBe('in 42s');
    expect(formatUntil('2026-01-01T12:04:30Z', now)).toBe('in 5m');
    expect(formatUntil('2026-01-01T11:59:00Z', now)).toBe('now');
    expect(formatUntil(undefined, now)).toBe('at an unknown time');
  });
});
