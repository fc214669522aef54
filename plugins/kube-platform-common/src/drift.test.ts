import { findDrift } from './drift';

const desired = {
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: { name: 'q', namespace: 'a', labels: { tenant: 'a' } },
  spec: { hard: { 'requests.cpu': '1', pods: '10' } },
};

describe('findDrift', () => {
  it('ignores fields we do not set and normalised quantities', () => {
    const live = {
      metadata: {
        name: 'q',
        namespace: 'a',
        labels: { tenant: 'a', extra: 'x' },
        uid: 'u',
      },
      spec: { hard: { 'requests.cpu': '1000m', pods: '10' }, scopes: [] },
      status: { used: {} },
    };
    expect(findDrift(desired, live)).toEqual([]);
  });

  it('reports changed values, labels and arrays by path', () => {
    const live = {
      metadata: { labels: {} },
      spec: { hard: { 'requests.cpu': '2', pods: '10' } },
    };
    expect(findDrift(desired, live)).toEqual([
      'metadata.labels.tenant',
      'spec.hard.requests.cpu',
    ]);
    expect(
      findDrift(
        { metadata: {}, rules: [{ verbs: ['get'] }] },
        { metadata: {}, rules: [{ verbs: ['get', 'delete'] }] },
      ),
    ).toEqual(['rules[0].verbs']);
  });

  it('treats an empty list or map the API server omitted as no drift', () => {
    expect(
      findDrift(
        { metadata: {}, subjects: [], roleRef: { name: 'tenant-viewer' } },
        { metadata: {}, roleRef: { name: 'tenant-viewer' } },
      ),
    ).toEqual([]);
    expect(
      findDrift(
        { metadata: {}, subjects: [] },
        { metadata: {}, subjects: [{ name: 'x' }] },
      ),
    ).toEqual(['subjects']);
  });
});
