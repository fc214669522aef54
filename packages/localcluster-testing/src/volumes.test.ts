import { AppsV1Api, CoreV1Api, StorageV1Api } from '@kubernetes/client-node';
import {
  createTestNamespace,
  deleteNamespaces,
  isApiError,
  useLocalClusters,
  waitFor,
} from './index';

jest.setTimeout(90_000);

const STORAGE_CLASS = 'localcluster-standard';
const PROVISIONER = 'localcluster.kube-platform.io/simulated';

const clusters = useLocalClusters();

describe('persistent volumes', () => {
  const namespaces: string[] = [];

  afterAll(() => deleteNamespaces(clusters[2].kubeConfig, namespaces));

  it('has its own default StorageClass', async () => {
    const sc = await clusters[2].kubeConfig
      .makeApiClient(StorageV1Api)
      .readStorageClass({ name: STORAGE_CLASS });
    expect(sc.provisioner).toBe(PROVISIONER);
    expect(sc.reclaimPolicy).toBe('Delete');
    expect(sc.volumeBindingMode).toBe('Immediate');
    expect(
      sc.metadata?.annotations?.['storageclass.kubernetes.io/is-default-class'],
    ).toBe('true');
  });

  it('binds a claim of the default class to a volume of its size, and deletes the volume with the claim', async () => {
    const kc = clusters[2].kubeConfig;
    const core = kc.makeApiClient(CoreV1Api);
    const namespace = await createTestNamespace(kc, 'volumes');
    namespaces.push(namespace);

    // No storageClassName: the default class is assigned.
    await core.createNamespacedPersistentVolumeClaim({
      namespace,
      body: {
        metadata: { name: 'data' },
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '3Gi' } },
        },
      },
    });
    const claim = await waitFor(
      async () => {
        const c = await core.readNamespacedPersistentVolumeClaim({
          name: 'data',
          namespace,
        });
        return c.status?.phase === 'Bound' ? c : undefined;
      },
      { timeoutMs: 30_000, description: 'claim data to be Bound' },
    );
    expect(claim.spec?.storageClassName).toBe(STORAGE_CLASS);
    expect(claim.status?.capacity?.storage).toBe('3Gi');
    const volumeName = claim.spec?.volumeName;
    expect(volumeName).toBe(`pvc-${claim.metadata?.uid}`);

    const volume = await core.readPersistentVolume({ name: volumeName! });
    expect(volume.spec?.capacity?.storage).toBe('3Gi');
    expect(volume.spec?.storageClassName).toBe(STORAGE_CLASS);
    expect(volume.spec?.persistentVolumeReclaimPolicy).toBe('Delete');
    expect(volume.spec?.accessModes).toEqual(['ReadWriteOnce']);
    expect(volume.spec?.claimRef).toMatchObject({
      namespace,
      name: 'data',
      uid: claim.metadata?.uid,
    });
    expect(volume.status?.phase).toBe('Bound');
    expect(
      volume.metadata?.annotations?.['pv.kubernetes.io/provisioned-by'],
    ).toBe(PROVISIONER);

    await core.deleteNamespacedPersistentVolumeClaim({
      name: 'data',
      namespace,
    });
    await waitFor(
      async () => {
        try {
          await core.readPersistentVolume({ name: volumeName! });
          return false;
        } catch (error) {
          if (isApiError(error, 404)) {
            return true;
          }
          throw error;
        }
      },
      { timeoutMs: 30_000, description: `volume ${volumeName} to be deleted` },
    );
    await expect(
      core.readNamespacedPersistentVolumeClaim({ name: 'data', namespace }),
    ).rejects.toMatchObject({ code: 404 });
  });

  it('runs a StatefulSet whose volumeClaimTemplates are bound', async () => {
    const kc = clusters[2].kubeConfig;
    const core = kc.makeApiClient(CoreV1Api);
    const namespace = await createTestNamespace(kc, 'volumes-sts');
    namespaces.push(namespace);
    await kc.makeApiClient(AppsV1Api).createNamespacedStatefulSet({
      namespace,
      body: {
        metadata: { name: 'db' },
        spec: {
          replicas: 2,
          serviceName: 'db',
          selector: { matchLabels: { app: 'db' } },
          template: {
            metadata: { labels: { app: 'db' } },
            spec: {
              containers: [
                {
                  name: 'db',
                  image: 'postgres:17',
                  volumeMounts: [{ name: 'data', mountPath: '/data' }],
                },
              ],
            },
          },
          volumeClaimTemplates: [
            {
              metadata: { name: 'data' },
              spec: {
                accessModes: ['ReadWriteOnce'],
                resources: { requests: { storage: '2Gi' } },
              },
            },
          ],
        },
      },
    });
    await waitFor(
      async () => {
        const pods = await core.listNamespacedPod({ namespace });
        return (
          pods.items.length === 2 &&
          pods.items.every(p => p.status?.phase === 'Running')
        );
      },
      { timeoutMs: 60_000, description: 'both replicas to run' },
    );
    const claims = await core.listNamespacedPersistentVolumeClaim({
      namespace,
    });
    expect(
      claims.items
        .map(c => [
          c.metadata?.name,
          c.status?.phase,
          c.status?.capacity?.storage,
        ])
        .sort(),
    ).toEqual([
      ['data-db-0', 'Bound', '2Gi'],
      ['data-db-1', 'Bound', '2Gi'],
    ]);
  });

  it('leaves a claim of another class Pending', async () => {
    const kc = clusters[2].kubeConfig;
    const core = kc.makeApiClient(CoreV1Api);
    const namespace = await createTestNamespace(kc, 'volumes-other');
    namespaces.push(namespace);
    await core.createNamespacedPersistentVolumeClaim({
      namespace,
      body: {
        metadata: { name: 'elsewhere' },
        spec: {
          storageClassName: 'no-such-class',
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '1Gi' } },
        },
      },
    });
    // The binder has looked at it (and found no class) ...
    await waitFor(
      async () => {
        const events = await core.listNamespacedEvent({
          namespace,
          fieldSelector: 'involvedObject.name=elsewhere',
        });
        return events.items.some(e => e.reason === 'ProvisioningFailed');
      },
      { timeoutMs: 30_000, description: 'the binder to report on the claim' },
    );
    // ... and nothing bound it.
    const claim = await core.readNamespacedPersistentVolumeClaim({
      name: 'elsewhere',
      namespace,
    });
    expect(claim.status?.phase).toBe('Pending');
    expect(claim.spec?.volumeName ?? '').toBe('');
  });
});
