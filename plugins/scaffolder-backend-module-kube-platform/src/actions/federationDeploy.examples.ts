import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples shown in the scaffolder's action reference; a test executes each one. */
export const examples: TemplateExample[] = [
  {
    description:
      'Deploy an app to two clusters with weights 2:1 and a canary image tag on one',
    example: yaml.stringify({
      steps: [
        {
          id: 'deploy',
          action: 'kube-platform:federation:deploy',
          name: 'Deploy the federated app',
          input: {
            name: 'payments-web',
            namespace: 'team-alpha-web',
            owner: 'group:default/team-alpha',
            component: 'component:default/payments-web',
            image: 'registry.example.com/payments/web:1.4',
            containerPort: 8080,
            resources: {
              requests: { cpu: '100m', memory: '128Mi' },
              limits: { cpu: '500m', memory: '256Mi' },
            },
            env: [{ name: 'LOG_LEVEL', value: 'info' }],
            clusters: ['cluster-1', 'cluster-2'],
            totalReplicas: 3,
            weights: [
              { cluster: 'cluster-1', weight: 2 },
              { cluster: 'cluster-2', weight: 1 },
            ],
            overrides: [
              {
                cluster: 'cluster-2',
                imageTag: '1.5-canary',
                env: [{ name: 'LOG_LEVEL', value: 'debug' }],
              },
            ],
            failover: { enabled: true, cooldown: '10m' },
          },
        },
      ],
    }),
  },
  {
    description:
      'Deploy to every cluster labelled region=eu, equal weights, no Service',
    example: yaml.stringify({
      steps: [
        {
          id: 'deploy',
          action: 'kube-platform:federation:deploy',
          name: 'Deploy the federated app',
          input: {
            name: 'report-worker',
            namespace: 'team-alpha-jobs',
            owner: 'group:default/team-alpha',
            image: 'registry.example.com/reports/worker:2.0',
            clusterLabels: { region: 'eu' },
            totalReplicas: 4,
          },
        },
      ],
    }),
  },
  {
    description: 'Deploy a whole FederatedApp as the backend takes it',
    example: yaml.stringify({
      steps: [
        {
          id: 'deploy',
          action: 'kube-platform:federation:deploy',
          name: 'Deploy the federated app',
          input: {
            app: {
              name: 'edge-cache',
              namespace: 'team-alpha-edge',
              owner: 'group:default/team-alpha',
              template: {
                deployment: {
                  apiVersion: 'apps/v1',
                  kind: 'Deployment',
                  spec: {
                    template: {
                      spec: {
                        containers: [
                          {
                            name: 'cache',
                            image: 'registry.example.com/edge/cache:3.1',
                          },
                        ],
                      },
                    },
                  },
                },
              },
              placement: { clusterSelector: { matchLabels: { tier: 'edge' } } },
              replicaScheduling: {
                totalReplicas: 6,
                intersectWithClusterSelector: true,
                clusters: { '*': { weight: 1, minReplicas: 1 } },
              },
            },
          },
        },
      ],
    }),
  },
];
