import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleTemplateKind from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import catalogModuleKubePlatform from '@kube-platform/plugin-catalog-backend-module-kube-platform';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the test runs the whole backend
import kubePlatformPlugin from '@kube-platform/plugin-kube-platform-backend';
import {
  kubePlatformClustersConfig,
  type LocalCluster,
  waitFor,
} from '@kube-platform/localcluster-testing';
import {
  membershipUserInfoFactory,
  realPolicyPermissionsFactory,
} from '@kube-platform/plugin-permission-backend-module-kube-platform/testUtils';
import type { Server } from 'node:http';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import request from 'supertest';
import scaffolderModuleKubePlatform from '../index';

const repoRoot = path.resolve(__dirname, '../../../..');

/** Request headers of a user, such as `bob` (team-alpha) or `dave` (team-beta). */
export function as(user: string) {
  return {
    authorization: mockCredentials.user.header(`user:default/${user}`),
  };
}

/**
 * The real scaffolder, catalog (org and templates of this repository) and
 * kube-platform backend on the given clusters, under the real deny-by-default
 * policy; one events service, so the catalog hears the backend's tenant events.
 */
export async function startScaffolderBackend(
  clusters: LocalCluster[],
): Promise<Server> {
  const sharedEvents = mockServices.events();
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleTemplateKind,
      catalogModuleKubePlatform,
      scaffolderPlugin,
      scaffolderModuleKubePlatform,
      kubePlatformPlugin,
      createServiceFactory({
        service: eventsServiceRef,
        deps: {},
        factory: async () => sharedEvents,
      }),
      realPolicyPermissionsFactory(),
      membershipUserInfoFactory(),
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            rules: [
              {
                allow: [
                  'Component',
                  'System',
                  'API',
                  'Resource',
                  'Location',
                  'Template',
                  'Group',
                  'User',
                  'Domain',
                ],
              },
            ],
            locations: [
              {
                type: 'file',
                target: path.join(repoRoot, 'examples/org.yaml'),
              },
              {
                type: 'file',
                target: path.join(repoRoot, 'templates/all.yaml'),
              },
            ],
            providers: {
              // Runs once at start-up in the test scheduler; tenants arrive through events.
              kubePlatform: {
                schedule: {
                  frequency: { minutes: 30 },
                  timeout: { minutes: 1 },
                },
              },
            },
          },
          kubePlatform: {
            clusters: kubePlatformClustersConfig(clusters),
          },
        },
      }),
    ],
  });
  return backend.server;
}

/** Waits until every entity (`kind/namespace/name`) is in the catalog. */
export async function waitForEntities(
  server: Server,
  headers: Record<string, string>,
  entities: string[],
) {
  await waitFor(
    async () => {
      for (const entity of entities) {
        const res = await request(server)
          .get(`/api/catalog/entities/by-name/${entity}`)
          .set(headers);
        if (res.status !== 200) return false;
      }
      return true;
    },
    {
      timeoutMs: 90_000,
      intervalMs: 500,
      description: `${entities.join(', ')} in the catalog`,
    },
  );
}

/** A task log line: its step and message without the coloured level prefix. */
export interface TaskLogLine {
  step: string;
  message: string;
}

/** Runs a template as the given user to its end; returns the task, its log and events. */
export async function runTemplate(
  server: Server,
  headers: Record<string, string>,
  templateRef: string,
  values: Record<string, unknown>,
) {
  const created = await request(server)
    .post('/api/scaffolder/v2/tasks')
    .set(headers)
    .send({ templateRef, values });
  if (created.status !== 201) {
    throw new Error(
      `Task not created: ${created.status} ${JSON.stringify(created.body)}`,
    );
  }
  const taskId: string = created.body.id;
  const task = await waitFor(
    async () => {
      const res = await request(server)
        .get(`/api/scaffolder/v2/tasks/${taskId}`)
        .set(headers);
      return (
        ['completed', 'failed', 'cancelled'].includes(res.body?.status) &&
        res.body
      );
    },
    {
      timeoutMs: 180_000,
      intervalMs: 500,
      description: 'scaffolder task to finish',
    },
  );
  const events: any[] = (
    await request(server)
      .get(`/api/scaffolder/v2/tasks/${taskId}/events`)
      .set(headers)
  ).body;
  const log: TaskLogLine[] = events
    .filter(e => e.type === 'log')
    .map(e => ({
      step: e.body.stepId,
      // Task log lines carry the level, coloured: `info: created Namespace/x {...}`.
      message: stripVTControlCharacters(String(e.body.message)).replace(
        /^(info|warn|error): /,
        '',
      ),
    }));
  return { task, events, log };
}
