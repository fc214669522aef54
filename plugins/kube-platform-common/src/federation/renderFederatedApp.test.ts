import { federatedAppSchema } from './federatedApp';
import { OverrideError } from './overrides';
import { planFederatedApp } from './planFederatedApp';
import { renderFederatedApp } from './renderFederatedApp';
import { exampleFederatedApp } from './testApp';

function app(patch: (a: any) => void = () => {}) {
  const input: any = exampleFederatedApp();
  patch(input);
  return federatedAppSchema.parse(input);
}

const ourLabels = {
  'app.kubernetes.io/managed-by': 'kube-platform',
  'backstage.io/kubernetes-id': 'shop-web',
  'kube-platform.io/federated-app': 'web',
};

describe('renderFederatedApp', () => {
  const withOverrides = app(a => {
    a.overrides = [
      {
        clusterName: 'kind-west',
        clusterOverrides: [
          {
            path: '/spec/template/spec/containers/0/image',
            value: 'nginx:1.28',
          },
          {
            op: 'add',
            path: '/spec/template/spec/containers/0/env',
            value: [{ name: 'REGION', value: 'west' }],
          },
        ],
      },
    ];
  });

  it('renders each planned cluster, sorted, with planned replicas and overrides', () => {
    const rendered = renderFederatedApp(withOverrides, {
      'kind-west': 1,
      'kind-east': 4,
    });
    expect(rendered.map(r => [r.cluster, r.replicas])).toEqual([
      ['kind-east', 4],
      ['kind-west', 1],
    ]);
    const [east, west] = rendered.map(r => r.objects[0] as any);
    expect(east.spec.replicas).toBe(4);
    expect(west.spec.replicas).toBe(1);
    expect(east.spec.template.spec.containers[0].image).toBe('nginx:1.27');
    expect(west.spec.template.spec.containers[0].image).toBe('nginx:1.28');
    expect(west.spec.template.spec.containers[0].env).toEqual([
      { name: 'REGION', value: 'west' },
    ]);
  });

  it('labels every object and keeps the selector inside the pod labels', () => {
    const [east] = renderFederatedApp(withOverrides, { 'kind-east': 2 });
    expect(
      east.objects.map(o => [o.kind, o.metadata.name, o.metadata.namespace]),
    ).toEqual([
      ['Deployment', 'web', 'team-a-prod'],
      ['Service', 'web', 'team-a-prod'],
      ['ConfigMap', 'web-config', 'team-a-prod'],
    ]);
    for (const object of east.objects)
      expect(object.metadata.labels).toEqual(ourLabels);
    const [deployment, service] = east.objects as any[];
    expect(deployment.spec.selector).toEqual({
      matchLabels: { 'kube-platform.io/federated-app': 'web' },
    });
    expect(deployment.spec.template.metadata.labels).toEqual({
      ...ourLabels,
      tier: 'frontend',
    });
    expect(service.spec.selector).toEqual({
      'kube-platform.io/federated-app': 'web',
    });
  });

  it('keeps a template selector and forces it onto the pods even after overrides', () => {
    const custom = app(a => {
      a.template.deployment.spec.selector = {
        matchLabels: { tier: 'frontend' },
      };
      a.overrides = [
        {
          clusterName: 'kind-east',
          clusterOverrides: [
            { path: '/spec/template/metadata/labels/tier', value: 'other' },
          ],
        },
      ];
    });
    const [east] = renderFederatedApp(custom, { 'kind-east': 1 });
    const deployment = east.objects[0] as any;
    expect(deployment.spec.selector.matchLabels).toEqual({ tier: 'frontend' });
    expect(deployment.spec.template.metadata.labels.tier).toBe('frontend');
  });

  it('is deterministic and leaves the app untouched', () => {
    const before = JSON.stringify(withOverrides);
    const a = JSON.stringify(
      renderFederatedApp(withOverrides, { 'kind-east': 3, 'kind-west': 3 }),
    );
    const b = JSON.stringify(
      renderFederatedApp(withOverrides, { 'kind-west': 3, 'kind-east': 3 }),
    );
    expect(a).toBe(b);
    expect(JSON.stringify(withOverrides)).toBe(before);
  });

  it('omits the kubernetes-id label without a component', () => {
    const [east] = renderFederatedApp(
      app(a => {
        delete a.component;
      }),
      { 'kind-east': 1 },
    );
    expect(
      east.objects[0].metadata.labels['backstage.io/kubernetes-id'],
    ).toBeUndefined();
  });

  it('reports a bad override with cluster and path', () => {
    const bad = app(a => {
      a.overrides = [
        {
          clusterName: 'kind-east',
          clusterOverrides: [
            { path: '/spec/template/spec/containers/2/image', value: 'x' },
          ],
        },
      ];
    });
    expect(() => renderFederatedApp(bad, { 'kind-east': 1 })).toThrow(
      OverrideError,
    );
    expect(() => renderFederatedApp(bad, { 'kind-east': 1 })).toThrow(
      'Override on cluster kind-east at /spec/template/spec/containers/2/image: parent /spec/template/spec/containers/2 does not exist',
    );
  });
});

describe('planFederatedApp', () => {
  it('plans with replicaScheduling, 2:1 weights', () => {
    const planned = planFederatedApp(
      app(a => {
        a.replicaScheduling = {
          totalReplicas: 6,
          clusters: { 'kind-east': { weight: 2 }, 'kind-west': { weight: 1 } },
        };
      }),
      ['kind-east', 'kind-west'],
    );
    expect(planned).toEqual({
      plan: { 'kind-east': 4, 'kind-west': 2 },
      overflow: {},
    });
  });

  it('without replicaScheduling uses the template replicas after overrides', () => {
    const planned = planFederatedApp(
      app(a => {
        a.overrides = [
          {
            clusterName: 'kind-west',
            clusterOverrides: [{ path: '/spec/replicas', value: 5 }],
          },
        ];
      }),
      ['kind-east', 'kind-west'],
    );
    expect(planned.plan).toEqual({ 'kind-east': 2, 'kind-west': 5 });
  });

  it('refuses a replicas override that is not a count', () => {
    const bad = app(a => {
      a.overrides = [
        {
          clusterName: 'kind-west',
          clusterOverrides: [{ path: '/spec/replicas', value: 'many' }],
        },
      ];
    });
    expect(() => planFederatedApp(bad, ['kind-west'])).toThrow(
      'Override on cluster kind-west at /spec/replicas: must be a non-negative integer',
    );
  });
});
