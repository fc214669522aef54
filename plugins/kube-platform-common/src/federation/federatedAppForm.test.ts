import {
  type FederatedAppFormInput,
  federatedAppFormSchema,
} from './federatedAppForm';
import { federatedAppFromForm, imageRepository } from './federatedAppFromForm';
import { planFederatedApp } from './planFederatedApp';
import { resolvePlacement } from './placement';
import { renderFederatedApp } from './renderFederatedApp';

function exampleForm(): FederatedAppFormInput {
  return {
    name: 'web',
    namespace: 'team-alpha-prod',
    owner: 'group:default/team-alpha',
    component: 'component:default/shop-web',
    image: 'registry.local:5000/shop/web:1.0',
    containerPort: 8080,
    resources: {
      requests: { cpu: '100m', memory: '64Mi' },
      limits: { cpu: '200m', memory: '128Mi' },
    },
    env: [{ name: 'LOG_LEVEL', value: 'info' }],
    clusters: ['east', 'west'],
    totalReplicas: 3,
  };
}

function issuesOf(input: unknown) {
  const result = federatedAppFormSchema.safeParse(input);
  if (result.success) throw new Error('expected the form to be refused');
  return result.error.issues.map(i => `${i.path.join('.')}: ${i.message}`);
}

const registered = [
  { name: 'east', labels: { region: 'eu' } },
  { name: 'west', labels: { region: 'us' } },
  { name: 'north', labels: { region: 'eu' } },
];

describe('federatedAppFromForm', () => {
  it('renders a Deployment and a Service whose selectors match the pods', () => {
    const app = federatedAppFromForm(exampleForm());
    const { deployment, service } = app.template;
    const selector = { 'kube-platform.io/federated-app': 'web' };
    expect(deployment.spec.selector).toEqual({ matchLabels: selector });
    expect(deployment.spec.template.metadata?.labels).toEqual({
      'app.kubernetes.io/name': 'web',
      'kube-platform.io/federated-app': 'web',
    });
    expect(deployment.spec.template.spec.containers).toEqual([
      {
        name: 'web',
        image: 'registry.local:5000/shop/web:1.0',
        ports: [{ containerPort: 8080, protocol: 'TCP' }],
        resources: {
          requests: { cpu: '100m', memory: '64Mi' },
          limits: { cpu: '200m', memory: '128Mi' },
        },
        env: [{ name: 'LOG_LEVEL', value: 'info' }],
      },
    ]);
    expect(service?.spec).toEqual({
      selector,
      ports: [
        { name: 'tcp-8080', port: 8080, targetPort: 8080, protocol: 'TCP' },
      ],
    });
    expect(app).toMatchObject({
      name: 'web',
      namespace: 'team-alpha-prod',
      owner: 'group:default/team-alpha',
      component: 'component:default/shop-web',
      placement: { clusters: [{ name: 'east' }, { name: 'west' }] },
      overrides: [],
      replicaScheduling: {
        totalReplicas: 3,
        rebalance: false,
        intersectWithClusterSelector: true,
        clusters: { '*': { weight: 1 } },
      },
      failover: { enabled: false, cooldown: '5m' },
    });
  });

  it('has no Service without ports, and merges containerPort with containerPorts', () => {
    const noPorts = federatedAppFromForm({
      ...exampleForm(),
      containerPort: undefined,
    });
    expect(noPorts.template.service).toBeUndefined();
    expect(
      noPorts.template.deployment.spec.template.spec.containers[0],
    ).not.toHaveProperty('ports');

    const many = federatedAppFromForm({
      ...exampleForm(),
      containerPorts: [8080, 9090],
    });
    expect(
      (many.template.service?.spec as any).ports.map((p: any) => p.name),
    ).toEqual(['tcp-8080', 'tcp-9090']);
  });

  it('treats blank optional fields as absent, as forms send them', () => {
    const app = federatedAppFromForm({
      ...exampleForm(),
      component: '',
      resources: { requests: { cpu: '', memory: '64Mi' }, limits: {} },
      env: [],
      failover: { enabled: true, cooldown: '' },
    } as any);
    expect(app.component).toBeUndefined();
    const container = app.template.deployment.spec.template.spec.containers[0];
    expect(container.resources).toEqual({ requests: { memory: '64Mi' } });
    expect(container).not.toHaveProperty('env');
    expect(app.failover).toEqual({ enabled: true, cooldown: '5m' });
  });

  it('plans by weights over the listed clusters only; absent weights are 1', () => {
    const app = federatedAppFromForm({
      ...exampleForm(),
      totalReplicas: 6,
      weights: [{ cluster: 'east', weight: 2 }],
    });
    const targets = resolvePlacement(app, registered).clusters;
    expect(targets).toEqual(['east', 'west']);
    expect(planFederatedApp(app, targets).plan).toEqual({ east: 4, west: 2 });
  });

  it("pins a cluster's replicas as min = max, the rest planned by weight", () => {
    const app = federatedAppFromForm({
      ...exampleForm(),
      totalReplicas: 5,
      overrides: [{ cluster: 'west', replicas: 1 }],
    });
    expect(app.replicaScheduling?.clusters.west).toEqual({
      weight: 1,
      minReplicas: 1,
      maxReplicas: 1,
    });
    expect(app.overrides).toEqual([]);
    expect(planFederatedApp(app, ['east', 'west']).plan).toEqual({
      east: 4,
      west: 1,
    });
  });

  it('selects clusters by labels', () => {
    const app = federatedAppFromForm({
      ...exampleForm(),
      clusters: undefined,
      clusterLabels: { region: 'eu' },
    });
    expect(app.placement).toEqual({
      clusterSelector: { matchLabels: { region: 'eu' } },
    });
    expect(resolvePlacement(app, registered).clusters).toEqual([
      'east',
      'north',
    ]);
  });

  it('takes clusters as the refs the cluster pickers return', () => {
    const app = federatedAppFromForm({
      ...exampleForm(),
      clusters: ['resource:default/east', 'resource:west'],
      weights: [{ cluster: 'resource:default/east', weight: 2 }],
      overrides: [{ cluster: 'resource:default/west', imageTag: '2' }],
    });
    expect(app.placement).toEqual({
      clusters: [{ name: 'east' }, { name: 'west' }],
    });
    expect(app.replicaScheduling?.clusters.east).toEqual({ weight: 2 });
    expect(app.overrides[0].clusterName).toBe('west');
  });

  it('follows placementMode when the form still holds the other choice', () => {
    const app = federatedAppFromForm({
      ...exampleForm(),
      placementMode: 'labels',
      clusterLabels: { region: 'us' },
    });
    expect(app.placement).toEqual({
      clusterSelector: { matchLabels: { region: 'us' } },
    });
  });

  it('overrides image tag and env per cluster as KubeFed JSON-pointer overrides', () => {
    const app = federatedAppFromForm({
      ...exampleForm(),
      overrides: [
        {
          cluster: 'west',
          imageTag: '1.1-canary',
          env: [
            { name: 'LOG_LEVEL', value: 'debug' },
            { name: 'REGION', value: 'us' },
          ],
        },
      ],
    });
    expect(app.overrides).toEqual([
      {
        clusterName: 'west',
        clusterOverrides: [
          {
            op: 'replace',
            path: '/spec/template/spec/containers/0/image',
            value: 'registry.local:5000/shop/web:1.1-canary',
          },
          {
            op: 'add',
            path: '/spec/template/spec/containers/0/env',
            value: [
              { name: 'LOG_LEVEL', value: 'debug' },
              { name: 'REGION', value: 'us' },
            ],
          },
        ],
      },
    ]);
    const rendered = renderFederatedApp(app, { east: 2, west: 1 });
    const containerOf = (i: number) =>
      (rendered[i].objects[0].spec as any).template.spec.containers[0];
    expect(rendered.map(r => r.cluster)).toEqual(['east', 'west']);
    expect(containerOf(0).image).toBe('registry.local:5000/shop/web:1.0');
    expect(containerOf(0).env).toEqual([{ name: 'LOG_LEVEL', value: 'info' }]);
    expect(containerOf(1).image).toBe(
      'registry.local:5000/shop/web:1.1-canary',
    );
    expect(containerOf(1).env).toEqual([
      { name: 'LOG_LEVEL', value: 'debug' },
      { name: 'REGION', value: 'us' },
    ]);
  });

  it('adds env on a cluster when the app has none', () => {
    const app = federatedAppFromForm({
      ...exampleForm(),
      env: undefined,
      overrides: [{ cluster: 'east', env: [{ name: 'A', value: '1' }] }],
    });
    const [east] = renderFederatedApp(app, { east: 1 });
    expect(
      (east.objects[0].spec as any).template.spec.containers[0].env,
    ).toEqual([{ name: 'A', value: '1' }]);
  });
});

describe('imageRepository', () => {
  it.each([
    ['nginx', 'nginx'],
    ['nginx:1.27', 'nginx'],
    ['registry:5000/team/web', 'registry:5000/team/web'],
    ['registry:5000/team/web:1.2', 'registry:5000/team/web'],
    ['web@sha256:abc', 'web'],
    ['web:1.2@sha256:abc', 'web'],
  ])('%s → %s', (image, repository) => {
    expect(imageRepository(image)).toBe(repository);
  });
});

describe('federatedAppFormSchema refusals name the form field', () => {
  it.each<[string, (form: any) => void, string]>([
    ['bad name', f => (f.name = 'Web_1'), 'name: must be a DNS-1123 label'],
    [
      'owner not a group',
      f => (f.owner = 'user:default/bob'),
      'owner: must be a group entity ref',
    ],
    [
      'image with spaces',
      f => (f.image = 'nginx latest'),
      'image: must be an image reference',
    ],
    [
      'port out of range',
      f => (f.containerPort = 70000),
      'containerPort: Number must be less than or equal to 65535',
    ],
    [
      'bad quantity',
      f => (f.resources.requests.cpu = 'lots'),
      'resources.requests.cpu: must be a Kubernetes quantity',
    ],
    [
      'limit below request',
      f => (f.resources.limits.memory = '32Mi'),
      'resources.limits.memory: must be at least the request (64Mi)',
    ],
    [
      'bad env name',
      f => (f.env = [{ name: '1X', value: '' }]),
      'env.0.name: must be an environment variable name',
    ],
    [
      'duplicate env',
      f =>
        (f.env = [
          { name: 'A', value: '1' },
          { name: 'A', value: '2' },
        ]),
      'env.1.name: A is given twice',
    ],
    [
      'no placement',
      f => (f.clusters = []),
      'clusters: give at least one cluster',
    ],
    [
      'labels mode without labels',
      f => (f.placementMode = 'labels'),
      'clusterLabels: give at least one cluster label',
    ],
    [
      'bad label key',
      f => {
        f.clusters = undefined;
        f.clusterLabels = { 'bad key': 'x' };
      },
      'clusterLabels.bad key: must be a label key',
    ],
    [
      'duplicate cluster',
      f => (f.clusters = ['east', 'east']),
      'clusters.1: east is given twice',
    ],
    [
      'negative replicas',
      f => (f.totalReplicas = -1),
      'totalReplicas: Number must be greater than or equal to 0',
    ],
    [
      'non-integer replicas',
      f => (f.totalReplicas = 1.5),
      'totalReplicas: Expected integer',
    ],
    [
      'weight out of range',
      f => (f.weights = [{ cluster: 'east', weight: 10_001 }]),
      'weights.0.weight: Number must be less than or equal to 10000',
    ],
    [
      'weight for an unplaced cluster',
      f => (f.weights = [{ cluster: 'north', weight: 1 }]),
      'weights.0.cluster: north is not one of the clusters',
    ],
    [
      'override for an unplaced cluster',
      f => (f.overrides = [{ cluster: 'north', imageTag: 'x' }]),
      'overrides.0.cluster: north is not one of the clusters',
    ],
    [
      'bad image tag',
      f => (f.overrides = [{ cluster: 'east', imageTag: ':bad' }]),
      'overrides.0.imageTag: must be an image tag',
    ],
    [
      'pinned beyond total',
      f =>
        (f.overrides = [
          { cluster: 'east', replicas: 2 },
          { cluster: 'west', replicas: 2 },
        ]),
      'totalReplicas: must be at least the 4 replicas pinned',
    ],
    [
      'bad cooldown',
      f => (f.failover = { enabled: true, cooldown: '10s' }),
      'failover.cooldown: must be between 30s and 24h',
    ],
    [
      'unknown override field',
      f => (f.overrides = [{ cluster: 'east', image: 'x' }]),
      "overrides.0: Unrecognized key(s) in object: 'image'",
    ],
  ])('%s', (_, patch, expected) => {
    const form: any = exampleForm();
    patch(form);
    expect(issuesOf(form).some(issue => issue.startsWith(expected))).toBe(true);
    expect(() => federatedAppFromForm(form)).toThrow();
  });

  it.each([
    ['negative', -1],
    ['non-integer', 1.5],
  ])(
    'reports only the total when it is %s, not the replicas pinned',
    (_, totalReplicas) => {
      const form: any = exampleForm();
      form.overrides = [{ cluster: 'east', replicas: 2 }];
      form.totalReplicas = totalReplicas;
      const issues = issuesOf(form);
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatch(/^totalReplicas: (Number|Expected)/);
    },
  );

  it('still reports the replicas pinned beyond a valid total', () => {
    const form: any = exampleForm();
    form.overrides = [{ cluster: 'east', replicas: 2 }];
    form.totalReplicas = 1;
    expect(issuesOf(form)).toEqual([
      'totalReplicas: must be at least the 2 replicas pinned by the per-cluster overrides',
    ]);
  });

  it("ignores fields of the template that are not the app's", () => {
    const app = federatedAppFromForm({
      ...exampleForm(),
      plan: { shown: true },
    } as any);
    expect(app.name).toBe('web');
  });
});
