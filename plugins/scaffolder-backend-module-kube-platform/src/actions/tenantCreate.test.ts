import { mockServices } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createTenantCreateAction } from './tenantCreate';
import { examples } from './tenantCreate.examples';
import {
  sendError,
  startFakeKubePlatform,
  streamLines,
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

const objects = (namespace: string, outcome: string) => [
  { kind: 'Namespace', name: namespace, outcome },
  { kind: 'ResourceQuota', name: 'tenant-quota', namespace, outcome },
  { kind: 'LimitRange', name: 'tenant-limits', namespace, outcome },
  { kind: 'RoleBinding', name: 'tenant-admins', namespace, outcome },
];

function streamTenant(outcome = 'created', result = 'created') {
  fake.setHandler(async (req, res) => {
    const { name, cluster } = req.body;
    const list = objects(name, outcome);
    await streamLines(res, [
      ...list.map(object => ({ type: 'object', object })),
      {
        type: 'result',
        result: {
          operationId: result === 'dry-run' ? '' : 'op-1',
          cluster,
          namespace: name,
          name,
          result,
          objects: list,
        },
      },
    ]);
  });
}

async function run(
  input: Record<string, unknown>,
  options: { isDryRun?: boolean } = {},
) {
  const logger = mockServices.logger.mock();
  const action = createTenantCreateAction({
    discovery: fake.discovery,
    auth: fake.auth,
  });
  const ctx = {
    ...createMockActionContext({ input: input as any, logger }),
    ...options,
  };
  await action.handler(ctx);
  const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  const lines = [...logger.info.mock.calls, ...logger.error.mock.calls].map(
    call => call[0],
  );
  return { outputs, logger, lines };
}

const exampleInputs = examples.map(
  example => yaml.parse(example.example).steps[0].input,
);

describe('kube-platform:tenant:create', () => {
  it('runs each documented example, logging every streamed object in order', async () => {
    streamTenant();
    for (const input of exampleInputs) {
      const { outputs, logger } = await run(input);
      expect(logger.info.mock.calls.map(call => call[0])).toEqual([
        `Provisioning tenant ${input.name} on ${input.cluster}`,
        `created Namespace/${input.name}`,
        'created ResourceQuota/tenant-quota',
        'created LimitRange/tenant-limits',
        'created RoleBinding/tenant-admins',
        `Tenant ${input.name} on ${input.cluster}: created`,
      ]);
      expect(logger.info).toHaveBeenCalledWith(
        'created ResourceQuota/tenant-quota',
        {
          kind: 'ResourceQuota',
          name: 'tenant-quota',
          namespace: input.name,
          outcome: 'created',
        },
      );
      expect(outputs).toEqual({
        name: input.name,
        cluster: input.cluster,
        namespace: input.name,
        result: 'created',
        operationId: 'op-1',
        entityRef: `resource:default/${input.cluster}-${input.name}`,
      });
    }
    expect(fake.requests.map(r => `${r.method} ${r.url}`)).toEqual([
      'POST /api/kube-platform/tenants?stream=true',
      'POST /api/kube-platform/tenants?stream=true',
    ]);
    expect(fake.requests[0].body).toEqual(exampleInputs[0]);
    // Counts are sent as the strings the backend expects.
    expect(fake.requests[1].body.quota).toEqual({
      'requests.cpu': '8',
      'limits.cpu': '16',
      pods: '100',
    });
    expect(fake.requests[1].body.budget).toBe('2000 USD');
  });

  it('calls the backend on behalf of the initiator with a token for kube-platform', async () => {
    streamTenant();
    await run(exampleInputs[0]);
    const authorization = fake.requests[0].authorization ?? '';
    expect(authorization).toMatch(/^Bearer /);
    expect(authorization).toContain('kube-platform');
    expect(authorization).toContain('user:default/mock');
  });

  it('asks the backend for a dry-run in a dry-run and outputs its result', async () => {
    streamTenant('unchanged', 'dry-run');
    const { outputs, lines } = await run(exampleInputs[0], { isDryRun: true });
    expect(fake.requests[0].url).toBe(
      '/api/kube-platform/tenants?stream=true&dryRun=true',
    );
    expect(lines[0]).toBe('Dry-running tenant payments-dev on cluster-2');
    expect(lines).toContain('unchanged Namespace/payments-dev');
    expect(outputs).toMatchObject({ result: 'dry-run', operationId: '' });
  });

  it('throws the ResponseError with the backend message for a 4xx', async () => {
    fake.setHandler((_req, res) =>
      sendError(
        res,
        400,
        'InputError',
        "Invalid tenant request: owner: 'group:default/nope' is not a group in the catalog",
      ),
    );
    const error = await run(exampleInputs[0]).catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.response.status).toBe(400);
    expect(error.message).toContain(
      "owner: 'group:default/nope' is not a group in the catalog",
    );
  });

  it('throws with the streamed error after logging the objects that came before it', async () => {
    fake.setHandler((_req, res) =>
      streamLines(res, [
        {
          type: 'object',
          object: {
            kind: 'Namespace',
            name: 'payments-dev',
            outcome: 'created',
          },
        },
        {
          type: 'object',
          object: {
            kind: 'ResourceQuota',
            name: 'tenant-quota',
            namespace: 'payments-dev',
            outcome: 'failed',
            message: 'admission denied',
          },
        },
        {
          type: 'error',
          error: {
            name: 'TenantProvisioningError',
            message:
              'Applying ResourceQuota/tenant-quota failed: admission denied',
          },
          operation: 'op-7',
        },
      ]),
    );
    const logger = mockServices.logger.mock();
    const action = createTenantCreateAction({
      discovery: fake.discovery,
      auth: fake.auth,
    });
    const ctx = createMockActionContext({ input: exampleInputs[0], logger });
    await expect(action.handler(ctx)).rejects.toThrow(
      'Provisioning tenant payments-dev failed (operation op-7): Applying ResourceQuota/tenant-quota failed: admission denied',
    );
    expect(logger.info).toHaveBeenCalledWith(
      'created Namespace/payments-dev',
      expect.anything(),
    );
    expect(logger.error).toHaveBeenCalledWith(
      'failed ResourceQuota/tenant-quota: admission denied',
      expect.objectContaining({ outcome: 'failed' }),
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('rejects an invalid request with an InputError naming the field, before calling the backend', async () => {
    await expect(
      run({ ...exampleInputs[0], name: 'Not_A_Label' }),
    ).rejects.toThrow(/Invalid tenant request: name: must be a DNS-1123 label/);
    expect(fake.requests).toHaveLength(0);
  });

  it('rejects a budget that is not one, naming budget, before calling the backend', async () => {
    await expect(run({ ...exampleInputs[0], budget: 'cheap' })).rejects.toThrow(
      /Invalid tenant request: budget: "cheap" is not a budget/,
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('treats empty values, as templates render absent parameters, as not given', async () => {
    streamTenant();
    await run({
      ...exampleInputs[0],
      description: '',
      budget: '',
      quota: { 'requests.cpu': '', 'requests.memory': '', pods: '' },
    });
    expect(fake.requests[0].body).toEqual({ ...exampleInputs[0], quota: {} });
  });

  it('fails when the stream ends without a result', async () => {
    fake.setHandler((_req, res) =>
      streamLines(res, [
        {
          type: 'object',
          object: {
            kind: 'Namespace',
            name: 'payments-dev',
            outcome: 'created',
          },
        },
      ]),
    );
    await expect(run(exampleInputs[0])).rejects.toThrow(
      'ended without a result',
    );
  });
});
