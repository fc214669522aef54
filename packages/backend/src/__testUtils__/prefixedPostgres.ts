import { TestDatabases } from '@backstage/backend-test-utils';
import { randomBytes } from 'node:crypto';

/**
 * PostgreSQL for whole backend processes of one test file: the URL of the
 * test server (undefined when there is none) and a random
 * `backend.database.prefix`, so the file never meets another test's data.
 * Every database carrying the prefix is dropped after the file. Call at the
 * top level of a test file.
 */
export function usePrefixedPostgres(name: string): {
  url: string | undefined;
  prefix: string;
} {
  const url = Object.entries(process.env).find(([variable]) =>
    /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(variable),
  )?.[1];
  const prefix = `kp_${name}_${randomBytes(4).toString('hex')}_`;
  const server: { admin?: TestDatabases } = {};
  // Registered before TestDatabases.create, whose own afterAll closes its connection.
  afterAll(async () => {
    const { admin } = server;
    if (!url || !admin) return;
    const knex = await admin.init(admin.eachSupportedId()[0][0]);
    const { rows } = await knex.raw('select datname from pg_database');
    for (const { datname } of rows as { datname: string }[]) {
      if (datname.startsWith(prefix)) {
        await knex.raw('drop database if exists ?? with (force)', [datname]);
      }
    }
  });
  server.admin = TestDatabases.create({
    ids: ['POSTGRES_15', 'POSTGRES_16', 'POSTGRES_17', 'POSTGRES_18'],
    disableDocker: true,
  });
  return { url, prefix };
}
