import { CoreV1Api, V1Pod } from '@kubernetes/client-node';
import {
  apiErrorMessage,
  createTestNamespace,
  deleteNamespaces,
  isApiError,
  useLocalClusters,
  waitFor,
} from './index';

jest.setTimeout(90_000);

function pod(name: string, requests?: Record<string, string>): V1Pod {
  return {
    metadata: { name },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'registry.k8s.io/pause:3.10',
          ...(requests ? { resources: { requests } } : {}),
        },
      ],
    },
  };
}

/** The error a rejected call threw; fails the test if the call succeeded. */
async function rejection(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('expected the API call to be rejected');
}

// At the top level, so that the clusters outlive the describe block's afterAll.
const clusters = useLocalClusters();

describe('ResourceQuota and LimitRange admission', () => {
  const namespaces: string[] = [];
  let core: CoreV1Api;
  let namespace: string;

  beforeAll(async () => {
    const kc = clusters[0].kubeConfig;
    core = kc.makeApiClient(CoreV1Api);
    namespace = await createTestNamespace(kc, 'quota');
    namespaces.push(namespace);
    await core.createNamespacedResourceQuota({
      namespace,
      body: {
        metadata: { name: 'compute' },
        spec: { hard: { 'requests.cpu': '1', 'requests.memory': '1Gi' } },
      },
    });
    // Quota admission refuses pods until the controller has filled in status.
    await waitFor(
      async () =>
        (
          await core.readNamespacedResourceQuota({ name: 'compute', namespace })
        ).status?.hard?.['requests.cpu'],
      { description: 'quota status to be calculated' },
    );
  });

  afterAll(() => deleteNamespaces(clusters[0].kubeConfig, namespaces));

  it('rejects a pod exceeding the quota with 403 "exceeded quota"', async () => {
    const error = await rejection(
      core.createNamespacedPod({
        namespace,
        body: pod('too-big', { cpu: '2', memory: '256Mi' }),
      }),
    );
    expect(isApiError(error, 403)).toBe(true);
    expect(apiErrorMessage(error)).toContain('exceeded quota: compute');

    // A pod within the quota is admitted and counted.
    await core.createNamespacedPod({
      namespace,
      body: pod('fits', { cpu: '500m', memory: '256Mi' }),
    });
    const quota = await waitFor(async () => {
      const q = await core.readNamespacedResourceQuota({
        name: 'compute',
        namespace,
      });
      return q.status?.used?.['requests.cpu'] === '500m' ? q : undefined;
    });
    expect(quota.status?.used?.['requests.memory']).toBe('256Mi');
  });

  it('rejects a pod without requests unless a LimitRange supplies defaults', async () => {
    const error = await rejection(
      core.createNamespacedPod({ namespace, body: pod('no-requests') }),
    );
    expect(isApiError(error, 403)).toBe(true);
    expect(apiErrorMessage(error)).toMatch(
      /must specify requests\.cpu.*requests\.memory|must specify requests\.memory.*requests\.cpu/,
    );

    await core.createNamespacedLimitRange({
      namespace,
      body: {
        metadata: { name: 'defaults' },
        spec: {
          limits: [
            {
              type: 'Container',
              defaultRequest: { cpu: '100m', memory: '64Mi' },
              _default: { cpu: '200m', memory: '128Mi' },
            },
          ],
        },
      },
    });
    // The LimitRanger admission plugin sees the new LimitRange through an
    // informer, so allow it a moment.
    const created = await waitFor(
      () => core.createNamespacedPod({ namespace, body: pod('defaulted') }),
      { description: 'pod without requests to be admitted' },
    );
    const stored = await core.readNamespacedPod({
      name: 'defaulted',
      namespace,
    });
    for (const p of [created, stored]) {
      expect(p.spec?.containers[0].resources?.requests).toEqual({
        cpu: '100m',
        memory: '64Mi',
      });
      expect(p.spec?.containers[0].resources?.limits).toEqual({
        cpu: '200m',
        memory: '128Mi',
      });
    }
  });
});
