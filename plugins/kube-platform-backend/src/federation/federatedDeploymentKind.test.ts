import {
  federatedDeploymentKind,
  trimFederatedDeployment,
} from './federatedDeploymentKind';

describe('federatedDeploymentKind', () => {
  it('watches only the Deployments Kube Platform manages, in every namespace', () => {
    expect(federatedDeploymentKind).toMatchObject({
      apiVersion: 'apps/v1',
      plural: 'deployments',
      namespaced: true,
      labelSelector: 'app.kubernetes.io/managed-by=kube-platform',
    });
  });

  it('keeps what status and drift read and drops the rest of the object', () => {
    const trimmed = trimFederatedDeployment({
      metadata: {
        name: 'web',
        namespace: 'team-a',
        generation: 4,
        labels: { 'kube-platform.io/federated-app': 'web' },
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': '{}',
        },
        managedFields: [{ manager: 'kube-platform' }],
      },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: {
          spec: {
            containers: [
              {
                name: 'web',
                image: 'registry.example.com/web:1',
                env: [{ name: 'TOKEN', value: 'do-not-keep' }],
              },
            ],
          },
        },
      },
      status: {
        observedGeneration: 4,
        replicas: 3,
        updatedReplicas: 3,
        readyReplicas: 2,
        availableReplicas: 2,
        conditions: [
          {
            type: 'Progressing',
            status: 'True',
            reason: 'NewReplicaSetAvailable',
            lastUpdateTime: new Date('2026-11-27T10:00:00Z'),
          },
        ],
      },
    });
    expect(trimmed).toEqual({
      namespace: 'team-a',
      name: 'web',
      labels: { 'kube-platform.io/federated-app': 'web' },
      generation: 4,
      replicas: 3,
      containers: [{ name: 'web', image: 'registry.example.com/web:1' }],
      status: {
        replicas: 3,
        updatedReplicas: 3,
        readyReplicas: 2,
        availableReplicas: 2,
        observedGeneration: 4,
        conditions: [
          {
            type: 'Progressing',
            status: 'True',
            reason: 'NewReplicaSetAvailable',
          },
        ],
      },
    });
  });

  it("fills Kubernetes' defaults when spec and status are absent", () => {
    expect(
      trimFederatedDeployment({ metadata: { name: 'web', namespace: 'a' } }),
    ).toMatchObject({
      replicas: 1,
      containers: [],
      status: {
        replicas: 0,
        updatedReplicas: 0,
        readyReplicas: 0,
        availableReplicas: 0,
        conditions: [],
      },
    });
  });
});
