import { mockServices } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createTenantVerifyAction } from './tenantVerify';
import { examples } from './tenantVerify.examples';
import {
  sendError,
  startFakeKubePlatform,
} from './__testUtils__/fakeKubePlatform';

let fake: Awaited<ReturnType<typeof startFakeKubePlatform>>;

beforeAll(async () => {
  fake = await startFakeKubePlatform();
});

afterAll(async () => {
  await fake.close();
});

beforeEach(() => {
  fake.requests.length = 0;
});

const passing = [
  {
    id: 'namespace',
    description: 'Namespace exists',
    passed: true,
    evidence: 'Active',
  },
  {
    id: 'quota',
    description: 'ResourceQuota is enforced',
    passed: true,
    evidence: 'tenant-quota',
  },
];

function answer(checks: typeof passing) {
  fake.setHandler((req, res) => {
    const [, cluster, namespace] =
      /tenants\/([^/]+)\/([^/]+)\/verify$/.exec(req.url) ?? [];
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        cluster,
        namespace,
        passed: checks.every(c => c.passed),
        checks,
        verifiedAt: '2025-01-01T00:00:00Z',
      }),
    );
  });
}

async function run(
  input: Record<string, unknown>,
  options: { isDryRun?: boolean } = {},
) {
  const logger = mockServices.logger.mock();
  const action = createTenantVerifyAction({
    discovery: fake.discovery,
    auth: fake.auth,
  });
  const ctx = {
    ...createMockActionContext({ input: input as any, logger }),
    ...options,
  };
  const error = await action.handler(ctx).then(
    () => undefined,
    e => e,
  );
  const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  return { outputs, logger, error };
}

const exampleInputs = examples.map(
  example => yaml.parse(example.example).steps[0].input,
);

describe('kube-platform:tenant:verify', () => {
  it('runs each documented example, logging every check', async () => {
    answer(passing);
    for (const input of exampleInputs) {
      const { outputs, logger, error } = await run(input);
      expect(error).toBeUndefined();
      expect(logger.info.mock.calls.map(call => call[0])).toEqual([
        'PASS namespace: Namespace exists (Active)',
        'PASS quota: ResourceQuota is enforced (tenant-quota)',
        'Tenant payments-dev on cluster-2 passed all 2 isolation checks',
      ]);
      expect(outputs).toEqual({ passed: true, checks: passing });
    }
    expect(fake.requests.map(r => `${r.method} ${r.url}`)).toEqual([
      'POST /api/kube-platform/tenants/cluster-2/payments-dev/verify',
      'POST /api/kube-platform/tenants/cluster-2/payments-dev/verify',
    ]);
    expect(fake.requests[0].authorization).toContain('kube-platform');
  });

  it('fails the step when a check fails, unless allowFailure is set', async () => {
    const checks = [
      passing[0],
      { ...passing[1], passed: false, evidence: 'no ResourceQuota' },
    ];
    answer(checks);
    const failed = await run(exampleInputs[0]);
    expect(failed.error?.message).toBe(
      'Tenant payments-dev on cluster-2 failed isolation checks: quota',
    );
    expect(failed.logger.warn).toHaveBeenCalledWith(
      'FAIL quota: ResourceQuota is enforced (no ResourceQuota)',
      expect.objectContaining({ passed: false }),
    );
    expect(failed.outputs).toEqual({ passed: false, checks });

    const allowed = await run(exampleInputs[1]);
    expect(allowed.error).toBeUndefined();
    expect(allowed.outputs).toEqual({ passed: false, checks });
  });

  it('skips verification in a dry-run', async () => {
    const { outputs, logger, error } = await run(exampleInputs[0], {
      isDryRun: true,
    });
    expect(error).toBeUndefined();
    expect(fake.requests).toHaveLength(0);
    expect(outputs).toEqual({});
    expect(logger.info).toHaveBeenCalledWith(
      'Dry run: skipping isolation verification of tenant payments-dev on cluster-2',
      expect.anything(),
    );
  });

  it('throws the ResponseError for an unknown tenant', async () => {
    fake.setHandler((_req, res) =>
      sendError(
        res,
        404,
        'NotFoundError',
        "No tenant 'payments-dev' on cluster 'cluster-2'",
      ),
    );
    const { error } = await run(exampleInputs[0]);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.message).toContain(
      "No tenant 'payments-dev' on cluster 'cluster-2'",
    );
  });
});
