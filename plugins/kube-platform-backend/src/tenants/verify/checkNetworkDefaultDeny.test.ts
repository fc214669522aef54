import { isDefaultDeny } from './checkNetworkDefaultDeny';

describe('isDefaultDeny', () => {
  const denyAll = { podSelector: {}, policyTypes: ['Ingress', 'Egress'] };

  it('accepts a policy selecting every Pod with no rules in either direction', () => {
    expect(isDefaultDeny(denyAll)).toBe(true);
    expect(isDefaultDeny({ ...denyAll, ingress: [], egress: [] })).toBe(true);
  });

  it.each([
    [
      'selects only some Pods',
      { podSelector: { matchLabels: { app: 'web' } } },
    ],
    ['covers only ingress', { policyTypes: ['Ingress'] }],
    ['allows some ingress', { ingress: [{}] }],
    ['allows some egress', { egress: [{ ports: [{ port: 53 }] }] }],
  ])('rejects a policy that %s', (_, change) => {
    expect(isDefaultDeny({ ...denyAll, ...change })).toBe(false);
  });

  it('rejects an empty spec', () => {
    expect(isDefaultDeny({})).toBe(false);
  });
});
