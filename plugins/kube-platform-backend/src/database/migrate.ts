import {
  type DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@kube-platform/plugin-kube-platform-backend',
  'migrations',
);

/** Runs the plugin's migrations (unless `migrations.skip`) and returns the client. */
export async function migrateKubePlatformDatabase(
  database: DatabaseService,
): Promise<Knex> {
  const client = await database.getClient();
  if (!database.migrations?.skip) {
    await client.migrate.latest({ directory: migrationsDir });
  }
  return client;
}
