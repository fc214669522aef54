import {
  isApiError,
  type LocalCluster,
} from '@kube-platform/localcluster-testing';
import {
  AppsV1Api,
  CoreV1Api,
  type V1Deployment,
} from '@kubernetes/client-node';
import type { Server } from 'node:http';
import request from 'supertest';
import { as } from '../../__testUtils__/startKubePlatform';

/** Team-alpha's image registry, allowed by the test tenants. */
export const IMAGE = 'registry.example.com/web:1.0';

/** Request headers of bob (team-alpha), dave (team-beta) and alice (platform admin). */
export const BOB = as('bob');
export const DAVE = as('dave');
export const ALICE = as('alice');

/** The three clusters' APIs as their admin, to check what is really there. */
export function clusterKit(clusters: LocalCluster[], namespace: string) {
  const cluster = (name: string) => clusters.find(c => c.name === name)!;
  const apps = (name: string) =>
    cluster(name).kubeConfig.makeApiClient(AppsV1Api);
  const core = (name: string) =>
    cluster(name).kubeConfig.makeApiClient(CoreV1Api);
  return {
    cluster,
    apps,
    core,
    /** The Deployment on a cluster, or `undefined`. */
    async liveDeployment(
      clusterName: string,
      name = 'web',
    ): Promise<V1Deployment | undefined> {
      try {
        return await apps(clusterName).readNamespacedDeployment({
          name,
          namespace,
        });
      } catch (error) {
        if (isApiError(error, 404)) return undefined;
        throw error;
      }
    },
    /** Removes the test namespace everywhere (best effort). */
    async cleanUp(names: string[]) {
      await Promise.all(
        names.map(c =>
          core(c)
            .deleteNamespace({ name: namespace })
            .catch(() => undefined),
        ),
      );
    },
  };
}

/** A team-alpha tenant holding the app's namespace on one cluster. */
export function tenantRequest(
  cluster: string,
  namespace: string,
  quota: Record<string, string> = {
    'requests.cpu': '2',
    'requests.memory': '4Gi',
    pods: '20',
  },
) {
  return {
    name: namespace,
    owner: 'group:default/team-alpha',
    cluster,
    environment: 'development',
    costCenter: 'payments',
    contact: 'alpha@example.com',
    description: 'Federated app integration test tenant',
    quota,
    security: { allowedRegistries: ['registry.example.com'] },
  };
}

/** Creates the tenants as bob; throws unless each is created. */
export async function createTenants(
  server: Server,
  namespace: string,
  clusters: string[],
  quota?: Record<string, string>,
) {
  for (const c of clusters) {
    const res = await request(server)
      .post('/api/kube-platform/tenants')
      .set(BOB)
      .send(tenantRequest(c, namespace, quota));
    if (res.status !== 201) {
      throw new Error(
        `Tenant on ${c}: ${res.status} ${JSON.stringify(res.body)}`,
      );
    }
  }
}

/** A small app of team-alpha: one container with requests and limits. */
export function federatedApp(
  namespace: string,
  changes: Record<string, unknown> = {},
) {
  return {
    name: 'web',
    namespace,
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
                  name: 'web',
                  image: IMAGE,
                  resources: {
                    requests: { cpu: '50m', memory: '64Mi' },
                    limits: { cpu: '100m', memory: '128Mi' },
                  },
                },
              ],
            },
          },
        },
      },
    },
    placement: { clusters: [{ name: 'cluster-1' }, { name: 'cluster-2' }] },
    ...changes,
  };
}

/** The lines of an NDJSON answer. */
export function ndjson(text: string): any[] {
  return text
    .trim()
    .split('\n')
    .map(l => JSON.parse(l));
}

/** The REST paths of one app. */
export function appPath(namespace: string, name = 'web', suffix = '') {
  return `/api/kube-platform/federated-apps/${namespace}/${name}${suffix}`;
}
