import type { FederatedAppInput } from './federatedApp';

/** A valid federated app for tests; each test changes what it is about. */
export function exampleFederatedApp(): FederatedAppInput {
  return {
    name: 'web',
    namespace: 'team-a-prod',
    owner: 'group:default/team-a',
    component: 'component:default/shop-web',
    template: {
      deployment: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        spec: {
          replicas: 2,
          template: {
            metadata: { labels: { tier: 'frontend' } },
            spec: {
              containers: [
                {
                  name: 'web',
                  image: 'nginx:1.27',
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
      service: {
        apiVersion: 'v1',
        kind: 'Service',
        spec: { ports: [{ port: 80, targetPort: 8080 }] },
      },
      configMaps: [
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'web-config' },
          data: { LOG_LEVEL: 'info' },
        },
      ],
    },
    placement: { clusters: [{ name: 'kind-east' }, { name: 'kind-west' }] },
  };
}
