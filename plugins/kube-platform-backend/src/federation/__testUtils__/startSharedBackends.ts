import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { LocalCluster } from '@kube-platform/localcluster-testing';
import { kubePlatformClustersConfig } from '@kube-platform/localcluster-testing';
import { kubePlatformPlugin } from '../../plugin';
import {
  groupEntity,
  membershipUserInfoFactory,
  realPolicyPermissionsFactory,
} from '../../__testUtils__/realPolicy';

/**
 * One Kube Platform backend replica: the real scheduler and a real database
 * shared with the other replicas (PostgreSQL, under `prefix`), the real
 * policy and the demo groups; as `startKubePlatform`, plus the database.
 */
export function startBackendReplica(options: {
  clusters: LocalCluster[];
  kubePlatform: object;
  postgres: string;
  prefix: string;
}) {
  return startTestBackend({
    features: [
      schedulerServiceFactory,
      databaseServiceFactory,
      kubePlatformPlugin,
      realPolicyPermissionsFactory,
      membershipUserInfoFactory,
      catalogServiceMock.factory({
        entities: ['team-alpha', 'team-beta', 'platform-team'].map(groupEntity),
      }),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            database: {
              client: 'pg',
              connection: options.postgres,
              prefix: options.prefix,
            },
          },
          kubePlatform: {
            platformAdminGroups: ['group:default/platform-team'],
            clusters: kubePlatformClustersConfig(options.clusters),
            ...options.kubePlatform,
          },
        },
      }),
    ],
  });
}
