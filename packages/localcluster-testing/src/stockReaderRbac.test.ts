import {
  AppsV1Api,
  CoreV1Api,
  KubernetesObjectApi,
} from '@kubernetes/client-node';
import {
  AccessQuery,
  PLATFORM_SERVICE_ACCOUNT_GROUPS,
  describeAccess,
  expectForbidden,
  platformServiceAccountUser,
  reviewAccess,
} from './accessReview';
import {
  PLATFORM_IDENTITIES,
  createTestNamespace,
  deleteNamespaces,
  useLocalClusters,
} from './index';

// The stock Backstage Kubernetes plugin's identity
// (deploy/kubernetes/stock-kubernetes-plugin-reader.yaml): it reads what the
// plugin shows, in every namespace, and can neither read Secrets nor write.

jest.setTimeout(90_000);

const READER_USER = platformServiceAccountUser(
  PLATFORM_IDENTITIES.stockReader.serviceAccount,
);

const clusters = useLocalClusters();
const cluster = () => clusters[0];
const asReader = () => cluster().kubeConfigFor(cluster().stockReaderToken);

const SHOWN: Array<[group: string, resources: string[]]> = [
  [
    '',
    [
      'pods',
      'services',
      'configmaps',
      'limitranges',
      'resourcequotas',
      'events',
    ],
  ],
  ['apps', ['deployments', 'replicasets', 'statefulsets', 'daemonsets']],
  ['autoscaling', ['horizontalpodautoscalers']],
  ['batch', ['jobs', 'cronjobs']],
  ['networking.k8s.io', ['ingresses']],
  ['metrics.k8s.io', ['pods']],
];

const allowed: AccessQuery[] = SHOWN.flatMap(([group, resources]) =>
  resources.flatMap(resource =>
    ['get', 'list', 'watch'].map(verb => ({ verb, group, resource })),
  ),
);

const denied: AccessQuery[] = [
  ...['get', 'list', 'watch'].map(verb => ({ verb, resource: 'secrets' })),
  { verb: 'get', resource: 'secrets', namespace: 'kube-system' },
  ...['create', 'update', 'patch', 'delete'].flatMap(verb => [
    { verb, resource: 'pods' },
    { verb, resource: 'configmaps' },
    { verb, group: 'apps', resource: 'deployments' },
    { verb, resource: 'namespaces' },
  ]),
  { verb: 'create', resource: 'pods', subresource: 'exec' },
  { verb: 'get', resource: 'pods', subresource: 'log' },
  { verb: 'create', resource: 'serviceaccounts', subresource: 'token' },
];

describe('the stock plugin reader identity', () => {
  // No groups: the reason shows the shipped ClusterRole grants it.
  it.each(allowed.map(q => [describeAccess(q), q] as const))(
    'may %s in every namespace (SubjectAccessReview)',
    async (_title, query) => {
      const status = await reviewAccess(
        cluster().kubeConfig,
        READER_USER,
        [],
        query,
      );
      expect(status.allowed).toBe(true);
      expect(status.reason).toContain('"backstage-kubernetes-reader"');
    },
  );

  it.each(denied.map(q => [describeAccess(q), q] as const))(
    'may not %s (SubjectAccessReview)',
    async (_title, query) => {
      const status = await reviewAccess(
        cluster().kubeConfig,
        READER_USER,
        PLATFORM_SERVICE_ACCOUNT_GROUPS,
        query,
      );
      expect(status.allowed).toBe(false);
    },
  );

  describe('on a real cluster', () => {
    let namespace: string;

    beforeAll(async () => {
      namespace = await createTestNamespace(cluster().kubeConfig, 'reader');
      await cluster()
        .kubeConfig.makeApiClient(AppsV1Api)
        .createNamespacedDeployment({
          namespace,
          body: {
            metadata: { name: 'web', labels: { app: 'web' } },
            spec: {
              selector: { matchLabels: { app: 'web' } },
              template: {
                metadata: { labels: { app: 'web' } },
                spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
              },
            },
          },
        });
    });

    afterAll(() => deleteNamespaces(cluster().kubeConfig, [namespace]));

    it('lists pods and deployments across namespaces', async () => {
      await asReader().makeApiClient(CoreV1Api).listPodForAllNamespaces();
      const deployments = await asReader()
        .makeApiClient(AppsV1Api)
        .listDeploymentForAllNamespaces({ labelSelector: 'app=web' });
      expect(deployments.items.map(d => d.metadata?.namespace)).toContain(
        namespace,
      );
    });

    it('cannot read Secrets or write anything', async () => {
      const core = asReader().makeApiClient(CoreV1Api);
      expect(
        await expectForbidden(
          core.listNamespacedSecret({ namespace: 'kube-system' }),
        ),
      ).toContain(`User "${READER_USER}" cannot list resource "secrets"`);
      await expectForbidden(core.listSecretForAllNamespaces());
      await expectForbidden(
        core.createNamespacedConfigMap({
          namespace,
          body: { metadata: { name: 'x' } },
        }),
      );
      await expectForbidden(
        asReader()
          .makeApiClient(AppsV1Api)
          .deleteNamespacedDeployment({ name: 'web', namespace }),
      );
      await expectForbidden(
        KubernetesObjectApi.makeApiClient(asReader()).delete({
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: namespace },
        }),
      );
    });
  });
});
