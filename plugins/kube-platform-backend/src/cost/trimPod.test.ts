import type { V1Pod } from '@kubernetes/client-node';
import { ownerWorkload, trimPod } from './trimPod';
import { trimPersistentVolumeClaim } from './trimPersistentVolumeClaim';

const rs = (name: string) => [
  {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    name,
    uid: 'u',
    controller: true,
  },
];

describe('ownerWorkload', () => {
  it('resolves a ReplicaSet to its Deployment by the pod-template-hash suffix', () => {
    expect(
      ownerWorkload(
        'web-7d9f-abcde',
        { 'pod-template-hash': '7d9f' },
        rs('web-7d9f'),
      ),
    ).toBe('Deployment/web');
  });

  it('keeps a ReplicaSet whose name does not end in the hash', () => {
    expect(ownerWorkload('p', { 'pod-template-hash': 'zzz' }, rs('solo'))).toBe(
      'ReplicaSet/solo',
    );
  });

  it('resolves a CronJob’s Job, keeps other owners, and names a bare pod', () => {
    const job = (name: string) => [
      { apiVersion: 'batch/v1', kind: 'Job', name, uid: 'u', controller: true },
    ];
    expect(ownerWorkload('p', {}, job('nightly-29100000'))).toBe(
      'CronJob/nightly',
    );
    expect(ownerWorkload('p', {}, job('migrate'))).toBe('Job/migrate');
    expect(
      ownerWorkload('db-0', {}, [
        {
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          name: 'db',
          uid: 'u',
          controller: true,
        },
      ]),
    ).toBe('StatefulSet/db');
    expect(ownerWorkload('debug', {}, undefined)).toBe('Pod/debug');
  });
});

describe('trimPod', () => {
  const pod: V1Pod = {
    metadata: {
      name: 'web-7d9f-abcde',
      namespace: 'shop',
      labels: { app: 'web', 'pod-template-hash': '7d9f' },
      ownerReferences: rs('web-7d9f'),
      annotations: { big: 'x'.repeat(1000) },
    },
    spec: {
      nodeName: 'node-1',
      containers: [
        {
          name: 'a',
          resources: {
            requests: { cpu: '250m', memory: '128Mi' },
            limits: { cpu: '1' },
          },
        },
        {
          name: 'b',
          resources: { requests: { cpu: '250m', memory: '128Mi' } },
        },
      ],
      volumes: [
        { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
        { name: 'tmp', emptyDir: {} },
      ],
    },
    status: { phase: 'Running', startTime: new Date('2026-11-27T10:00:00Z') },
  };

  it('keeps owner workload, labels, node, phase, pod-level requests and limits, claims and start', () => {
    expect(trimPod(pod)).toEqual({
      namespace: 'shop',
      name: 'web-7d9f-abcde',
      workload: 'Deployment/web',
      labels: { app: 'web', 'pod-template-hash': '7d9f' },
      nodeName: 'node-1',
      phase: 'Running',
      requests: { cpu: 0.5, memory: 256 * 2 ** 20 },
      limits: { cpu: 1 },
      claimNames: ['data'],
      startTime: Date.parse('2026-11-27T10:00:00Z'),
    });
  });

  it('ends a finished pod at its last container’s finish and a terminating one at its deletion', () => {
    const done = trimPod({
      ...pod,
      status: {
        phase: 'Succeeded',
        startTime: new Date('2026-11-27T10:00:00Z'),
        containerStatuses: [
          {
            name: 'a',
            image: 'i',
            imageID: '',
            ready: false,
            restartCount: 0,
            state: {
              terminated: {
                exitCode: 0,
                finishedAt: new Date('2026-11-27T10:30:00Z'),
              },
            },
          },
        ],
      },
    });
    expect(done.endTime).toBe(Date.parse('2026-11-27T10:30:00Z'));
    const deleting = trimPod({
      ...pod,
      metadata: {
        ...pod.metadata,
        deletionTimestamp: new Date('2026-11-27T11:00:00Z'),
      },
    });
    expect(deleting.endTime).toBe(Date.parse('2026-11-27T11:00:00Z'));
  });
});

describe('trimPersistentVolumeClaim', () => {
  it('prefers the bound capacity and keeps class, phase and volume', () => {
    expect(
      trimPersistentVolumeClaim({
        metadata: {
          name: 'data',
          namespace: 'shop',
          creationTimestamp: new Date(1000),
        },
        spec: {
          storageClassName: 'localcluster-standard',
          volumeName: 'pv-1',
          resources: { requests: { storage: '1Gi' } },
        },
        status: { phase: 'Bound', capacity: { storage: '2Gi' } },
      }),
    ).toEqual({
      namespace: 'shop',
      name: 'data',
      phase: 'Bound',
      capacity: '2Gi',
      storageClass: 'localcluster-standard',
      volumeName: 'pv-1',
      createdAt: 1000,
    });
  });

  it('falls back to the requested size of a pending claim', () => {
    const claim = trimPersistentVolumeClaim({
      metadata: { name: 'data', namespace: 'shop' },
      spec: { resources: { requests: { storage: '1Gi' } } },
    });
    expect(claim).toEqual({
      namespace: 'shop',
      name: 'data',
      phase: 'Pending',
      capacity: '1Gi',
    });
  });
});
