import { trimNamespace, trimNode, trimResourceQuota } from './trim';

describe('trimming cached objects', () => {
  it("keeps a node's readiness and resources only", () => {
    const node = trimNode({
      metadata: { name: 'n1', labels: { zone: 'a' } },
      spec: {},
      status: {
        conditions: [{ type: 'Ready', status: 'True' } as any],
        allocatable: { cpu: '8', memory: '32Gi' },
        capacity: { cpu: '8', memory: '32Gi' },
        images: [{ names: ['big/image'] }],
      },
    });
    expect(node).toEqual({
      name: 'n1',
      labels: { zone: 'a' },
      ready: true,
      allocatable: { cpu: '8', memory: '32Gi' },
      capacity: { cpu: '8', memory: '32Gi' },
    });
  });

  it('treats cordoned or NotReady nodes as not ready', () => {
    expect(
      trimNode({
        spec: { unschedulable: true },
        status: { conditions: [{ type: 'Ready', status: 'True' } as any] },
      }).ready,
    ).toBe(false);
    expect(
      trimNode({
        status: { conditions: [{ type: 'Ready', status: 'Unknown' } as any] },
      }).ready,
    ).toBe(false);
  });

  it('keeps only our and Backstage annotations of a namespace', () => {
    const ns = trimNamespace({
      metadata: {
        name: 'team-alpha',
        annotations: {
          'kube-platform.io/owner': 'group:default/team-alpha',
          'kubectl.kubernetes.io/last-applied-configuration': '{"huge":true}',
        },
      },
      status: { phase: 'Active' },
    });
    expect(ns.annotations).toEqual({
      'kube-platform.io/owner': 'group:default/team-alpha',
    });
    expect(ns.phase).toBe('Active');
  });

  it("prefers a quota's status.hard, falling back to spec.hard before the controller ran", () => {
    expect(
      trimResourceQuota({
        metadata: { name: 'q', namespace: 'a' },
        spec: { hard: { pods: '10' } },
      }),
    ).toEqual({ namespace: 'a', name: 'q', hard: { pods: '10' }, used: {} });
    expect(
      trimResourceQuota({
        metadata: { name: 'q', namespace: 'a' },
        spec: { hard: { pods: '10' } },
        status: { hard: { pods: '10' }, used: { pods: '3' } },
      }).used,
    ).toEqual({ pods: '3' });
  });
});
