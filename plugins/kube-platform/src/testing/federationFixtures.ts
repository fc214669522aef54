import type { FederatedApp } from '@kube-platform/plugin-kube-platform-common';
import type {
  FederatedAppDetails,
  FederatedAppPlanPreview,
} from '../api/federationTypes';

/** payments-web as its owner team deployed it: weights 2:1 over cluster-1 and cluster-2, 6 replicas. */
export const paymentsWebSpec: FederatedApp = {
  name: 'payments-web',
  namespace: 'team-alpha-web',
  owner: 'group:default/team-alpha',
  component: 'component:default/payments-web',
  template: {
    deployment: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'web',
                image: 'registry.example.com/payments-web:1.4.2',
                resources: {
                  requests: { cpu: '100m', memory: '128Mi' },
                  limits: { cpu: '500m', memory: '256Mi' },
                },
              },
            ],
          },
        },
      },
    },
    configMaps: [],
  },
  placement: { clusters: [{ name: 'cluster-1' }, { name: 'cluster-2' }] },
  overrides: [
    {
      clusterName: 'cluster-2',
      clusterOverrides: [
        {
          op: 'replace',
          path: '/spec/template/spec/containers/0/image',
          value: 'registry.example.com/payments-web:1.4.3-canary',
        },
      ],
    },
  ],
  replicaScheduling: {
    totalReplicas: 6,
    rebalance: false,
    intersectWithClusterSelector: false,
    clusters: { 'cluster-1': { weight: 2 }, 'cluster-2': { weight: 1 } },
  },
  failover: { enabled: true, cooldown: '5m' },
} as FederatedApp;

/**
 * Details of payments-web: rolled out on cluster-1, rolling out on cluster-2
 * (drifted), with a failover from cluster-3 cooling down and its history.
 */
export const paymentsWebDetails: FederatedAppDetails = {
  namespace: 'team-alpha-web',
  name: 'payments-web',
  owner: 'group:default/team-alpha',
  spec: paymentsWebSpec,
  createdBy: 'user:default/bob',
  createdAt: '2026-01-01T10:00:00.000Z',
  updatedAt: '2026-01-01T11:00:00.000Z',
  clusters: ['cluster-1', 'cluster-2'],
  plan: { plan: { 'cluster-1': 4, 'cluster-2': 2 }, overflow: {} },
  status: [
    {
      cluster: 'cluster-1',
      state: 'present',
      desiredReplicas: 4,
      updatedReplicas: 4,
      readyReplicas: 4,
      availableReplicas: 4,
      generation: 2,
      observedGeneration: 2,
      rolledOut: true,
      plannedReplicas: 4,
      drift: false,
      conditions: [{ type: 'Available', status: 'True' }],
    },
    {
      cluster: 'cluster-2',
      state: 'present',
      desiredReplicas: 2,
      updatedReplicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      generation: 3,
      observedGeneration: 3,
      rolledOut: false,
      plannedReplicas: 2,
      drift: true,
      driftedFields: ['spec.template.spec.containers[0].image'],
      conditions: [
        { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated' },
      ],
    },
  ],
  totals: { desired: 6, updated: 5, ready: 5, available: 5 },
  failover: {
    clusters: [
      {
        cluster: 'cluster-3',
        state: 'cooling-down',
        since: '2026-01-01T10:50:00.000Z',
        failbackAt: '2026-01-01T10:55:00.000Z',
      },
    ],
  },
  operations: [
    {
      id: 'op-3',
      kind: 'federated-app',
      action: 'failover',
      actor: 'kube-platform',
      status: 'succeeded',
      results: [
        {
          cluster: 'cluster-1',
          kind: 'Deployment',
          name: 'payments-web',
          outcome: 'configured',
        },
      ],
      createdAt: '2026-01-01T10:45:00.000Z',
    },
    {
      id: 'op-2',
      kind: 'federated-app',
      action: 'scale',
      actor: 'user:default/bob',
      status: 'failed',
      error: 'cluster-2: exceeded quota: requests.cpu',
      results: [],
      createdAt: '2026-01-01T10:30:00.000Z',
    },
    {
      id: 'op-1',
      kind: 'federated-app',
      action: 'create',
      actor: 'user:default/bob',
      status: 'succeeded',
      results: [],
      createdAt: '2026-01-01T10:00:00.000Z',
    },
  ],
};

/** payments-web once every cluster has rolled out. */
export const paymentsWebRolledOut: FederatedAppDetails = {
  ...paymentsWebDetails,
  status: paymentsWebDetails.status.map(s => ({
    ...s,
    updatedReplicas: s.desiredReplicas,
    readyReplicas: s.desiredReplicas,
    availableReplicas: s.desiredReplicas,
    rolledOut: true,
    drift: false,
    driftedFields: undefined,
  })),
  totals: { desired: 6, updated: 6, ready: 6, available: 6 },
};

/** The plan of payments-web across three clusters, cluster-3 refused for quota. */
export const paymentsWebPlanPreview: FederatedAppPlanPreview = {
  targets: ['cluster-1', 'cluster-2', 'cluster-3'],
  plan: { 'cluster-1': 4, 'cluster-2': 2 },
  overflow: { 'cluster-3': 1 },
  current: {},
  refusals: [
    {
      cluster: 'cluster-3',
      reason: 'quota: requests.cpu 300m over the 200m left of 1',
    },
  ],
  totalReplicas: 6,
};
