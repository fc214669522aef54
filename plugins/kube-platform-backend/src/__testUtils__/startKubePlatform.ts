import type { BackendFeature } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  kubePlatformClustersConfig,
  type LocalCluster,
} from '@kube-platform/localcluster-testing';
import { kubePlatformPlugin } from '../plugin';
import {
  groupEntity,
  membershipUserInfoFactory,
  realPolicyPermissionsFactory,
} from './realPolicy';

/**
 * The kube-platform backend plugin with the real permission policy, the demo
 * groups in a catalog, and the local clusters reached as the platform's
 * least-privilege identity.
 */
export async function startKubePlatform(
  clusters: LocalCluster[],
  kubePlatform: object = {},
  options: {
    realScheduler?: boolean;
    /** More backend features, such as a module that supplies clusters. */
    features?: BackendFeature[];
  } = {},
) {
  const backend = await startTestBackend({
    features: [
      // The real scheduler runs tasks on their schedules; the default test one runs them once.
      ...(options.realScheduler ? [schedulerServiceFactory] : []),
      kubePlatformPlugin,
      ...(options.features ?? []),
      realPolicyPermissionsFactory,
      membershipUserInfoFactory,
      catalogServiceMock.factory({
        entities: ['team-alpha', 'team-beta', 'platform-team'].map(groupEntity),
      }),
      mockServices.rootConfig.factory({
        data: {
          kubePlatform: {
            platformAdminGroups: ['group:default/platform-team'],
            clusters: kubePlatformClustersConfig(clusters),
            ...kubePlatform,
          },
        },
      }),
    ],
  });
  return backend;
}

/** Request headers of a demo user (`alice`, `bob`, `dave`). */
export function as(user: string) {
  return { Authorization: mockCredentials.user.header(`user:default/${user}`) };
}
