import { mockServices } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { federatedAppFromForm } from '@kube-platform/plugin-kube-platform-common';
import yaml from 'yaml';
import { createFederationDeployAction } from './federationDeploy';
import { examples } from './federationDeploy.examples';
import {
  type RecordedRequest,
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

const exampleInputs = examples.map(
  example => yaml.parse(example.example).steps[0].input,
);
const [formInput, labelsInput, appInput] = exampleInputs;

/** Plans 2:1 over the placed clusters (the backend's job; fixed here). */
function planOf(body: any): Record<string, number> {
  const clusters: string[] = body.placement.clusters?.map(
    (c: { name: string }) => c.name,
  ) ?? ['cluster-1', 'cluster-3'];
  const total = body.replicaScheduling.totalReplicas;
  const first = Math.ceil((total * 2) / 3);
  return { [clusters[0]]: first, [clusters[1]]: total - first };
}

function objectsOf(body: any, plan: Record<string, number>, outcome: string) {
  return Object.keys(plan).flatMap(cluster => [
    {
      cluster,
      kind: 'Deployment',
      name: body.name,
      namespace: body.namespace,
      outcome,
    },
    ...(body.template.service
      ? [
          {
            cluster,
            kind: 'Service',
            name: body.name,
            namespace: body.namespace,
            outcome,
          },
        ]
      : []),
  ]);
}

/** The backend: plan what-if, then the streamed deploy. */
function backend(
  options: {
    refusals?: object[];
    result?: string;
    preview?: Record<string, number>;
  } = {},
) {
  fake.setHandler(async (req, res) => {
    const plan = planOf(req.body);
    if (req.url.endsWith('/plan')) {
      res.setHeader('content-type', 'application/json');
      const preview = options.preview ?? plan;
      res.end(
        JSON.stringify({
          targets: Object.keys(plan),
          plan: preview,
          overflow: {},
          current: {},
          refusals: options.refusals ?? [],
          totalReplicas: Object.values(preview).reduce((a, b) => a + b, 0),
        }),
      );
      return;
    }
    const result = options.result ?? 'created';
    const list = objectsOf(
      req.body,
      plan,
      result === 'dry-run' ? 'unchanged' : 'created',
    );
    await streamLines(res, [
      ...list.map(object => ({ type: 'object', object })),
      {
        type: 'result',
        result: {
          operationId: 'op-9',
          namespace: req.body.namespace,
          name: req.body.name,
          result,
          plan: { plan, overflow: {} },
          skipped: [],
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
  const action = createFederationDeployAction({
    discovery: fake.discovery,
    auth: fake.auth,
  });
  const ctx = {
    ...createMockActionContext({ input: input as any, logger }),
    ...options,
  };
  await action.handler(ctx);
  const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  const lines = [...logger.info.mock.calls, ...logger.warn.mock.calls].map(
    call => call[0],
  );
  return { outputs, logger, lines, ctx };
}

const routes = (requests: RecordedRequest[]) =>
  requests.map(r => `${r.method} ${r.url}`);

describe('kube-platform:federation:deploy', () => {
  it('sends the app the form describes: plan first, then the streamed deploy', async () => {
    backend();
    const { outputs, logger } = await run(formInput);
    expect(routes(fake.requests)).toEqual([
      'POST /api/kube-platform/federated-apps/team-alpha-web/payments-web/plan',
      'POST /api/kube-platform/federated-apps?stream=true',
    ]);
    const app = federatedAppFromForm(formInput);
    expect(fake.requests[0].body).toEqual(app);
    expect(fake.requests[1].body).toEqual(app);
    expect(logger.info.mock.calls.map(call => call[0])).toEqual([
      'Deploying federated app team-alpha-web/payments-web',
      'Plan: 3 replicas on 2 clusters (cluster-1: 2, cluster-2: 1)',
      'cluster-1: created Deployment/payments-web',
      'cluster-1: created Service/payments-web',
      'cluster-2: created Deployment/payments-web',
      'cluster-2: created Service/payments-web',
      'Federated app team-alpha-web/payments-web: created (cluster-1: 2, cluster-2: 1)',
    ]);
    expect(logger.info).toHaveBeenCalledWith(
      'cluster-2: created Deployment/payments-web',
      {
        cluster: 'cluster-2',
        kind: 'Deployment',
        name: 'payments-web',
        namespace: 'team-alpha-web',
        outcome: 'created',
      },
    );
    expect(outputs).toEqual({
      name: 'payments-web',
      namespace: 'team-alpha-web',
      result: 'created',
      operationId: 'op-9',
      plan: { 'cluster-1': 2, 'cluster-2': 1 },
      clusters: ['cluster-1', 'cluster-2'],
      planSummary: 'cluster-1: 2, cluster-2: 1',
      entityRef: 'component:default/payments-web',
    });
  });

  it('runs the label and whole-app examples; no component, no entityRef', async () => {
    backend();
    const labels = await run(labelsInput);
    expect(fake.requests[1].body.placement).toEqual({
      clusterSelector: { matchLabels: { region: 'eu' } },
    });
    expect(fake.requests[1].body.template.service).toBeUndefined();
    expect(labels.outputs).not.toHaveProperty('entityRef');

    fake.requests.length = 0;
    const whole = await run(appInput);
    expect(fake.requests[1].body).toMatchObject({
      ...appInput.app,
      overrides: [],
      failover: { enabled: false, cooldown: '5m' },
    });
    expect(whole.outputs.plan).toEqual({ 'cluster-1': 4, 'cluster-3': 2 });
  });

  it('calls the backend on behalf of the initiator with a token for kube-platform', async () => {
    backend();
    await run(formInput);
    for (const req of fake.requests) {
      expect(req.authorization).toMatch(/^Bearer /);
      expect(req.authorization).toContain('kube-platform');
      expect(req.authorization).toContain('user:default/mock');
    }
  });

  it('runs the pre-flight only in a dry-run, and asks for a partial deploy when told', async () => {
    backend({ result: 'dry-run' });
    const { outputs, lines } = await run(formInput, { isDryRun: true });
    expect(fake.requests[1].url).toBe(
      '/api/kube-platform/federated-apps?stream=true&dryRun=true',
    );
    expect(lines[0]).toBe(
      'Pre-flight of federated app team-alpha-web/payments-web',
    );
    expect(lines).toContain('cluster-1: unchanged Deployment/payments-web');
    expect(outputs.result).toBe('dry-run');

    fake.requests.length = 0;
    await run({ ...formInput, allowPartial: true });
    expect(fake.requests[1].url).toBe(
      '/api/kube-platform/federated-apps?stream=true&allowPartial=true',
    );
  });

  it('warns of every cluster the pre-flight refuses and of replicas left unplaced, before deploying', async () => {
    backend({
      preview: { 'cluster-1': 2, 'cluster-2': 0 },
      refusals: [
        {
          cluster: 'cluster-2',
          reason: 'quota: requests.cpu needs 600m, 100m left',
        },
      ],
    });
    const { logger, lines } = await run(formInput);
    expect(logger.warn.mock.calls).toEqual([
      ['1 of the 3 replicas asked for fit on no target cluster'],
      [
        'cluster-2 refused: quota: requests.cpu needs 600m, 100m left',
        { cluster: 'cluster-2' },
      ],
    ]);
    expect(lines[1]).toBe(
      'Plan: 2 replicas on 2 clusters (cluster-1: 2, cluster-2: 0)',
    );
  });

  it.each([
    [
      400,
      'InputError',
      'Invalid federated app: namespace: team-alpha-web is not a tenant of group:default/team-alpha on cluster-2',
    ],
    [403, 'NotAllowedError', 'Not allowed to kube-platform.federation.create'],
    [
      409,
      'ConflictError',
      "Federated app 'payments-web' in 'team-alpha-web' belongs to group:default/team-beta",
    ],
  ])(
    'fails with the backend message of a %s, deploying nothing',
    async (status, name, message) => {
      fake.setHandler((_req, res) => sendError(res, status, name, message));
      const error = await run(formInput).catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect(error.response.status).toBe(status);
      expect(error.message).toContain(message);
      // The plan call failed: the deploy was never sent.
      expect(routes(fake.requests)).toEqual([
        'POST /api/kube-platform/federated-apps/team-alpha-web/payments-web/plan',
      ]);
    },
  );

  it('fails with the status and message of a deploy the backend refuses after planning', async () => {
    fake.setHandler((req, res) => {
      if (req.url.endsWith('/plan')) {
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            targets: [],
            plan: {},
            overflow: {},
            current: {},
            refusals: [],
            totalReplicas: 3,
          }),
        );
        return;
      }
      sendError(
        res,
        400,
        'InputError',
        'Invalid federated app: no registered cluster matches the placement',
      );
    });
    const { message } = await run(formInput).catch(e => e);
    expect(message).toContain('no registered cluster matches the placement');
  });

  it('throws the streamed error after logging the objects applied before it', async () => {
    fake.setHandler(async (req, res) => {
      if (req.url.endsWith('/plan')) {
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            targets: ['cluster-1'],
            plan: { 'cluster-1': 3 },
            overflow: {},
            current: {},
            refusals: [],
            totalReplicas: 3,
          }),
        );
        return;
      }
      await streamLines(res, [
        {
          type: 'object',
          object: {
            cluster: 'cluster-1',
            kind: 'Deployment',
            name: 'payments-web',
            outcome: 'created',
          },
        },
        {
          type: 'object',
          object: {
            cluster: 'cluster-2',
            kind: 'Deployment',
            name: 'payments-web',
            outcome: 'failed',
            message: 'connection refused',
          },
        },
        {
          type: 'error',
          error: {
            name: 'TenantProvisioningError',
            message: 'Applying Deployment/payments-web on cluster-2 failed',
          },
          operation: 'op-3',
        },
      ]);
    });
    const logger = mockServices.logger.mock();
    const action = createFederationDeployAction({
      discovery: fake.discovery,
      auth: fake.auth,
    });
    const ctx = createMockActionContext({ input: formInput, logger });
    await expect(action.handler(ctx)).rejects.toThrow(
      'Deploying federated app team-alpha-web/payments-web failed (operation op-3): Applying Deployment/payments-web on cluster-2 failed',
    );
    expect(logger.info).toHaveBeenCalledWith(
      'cluster-1: created Deployment/payments-web',
      expect.anything(),
    );
    expect(logger.error).toHaveBeenCalledWith(
      'cluster-2: failed Deployment/payments-web: connection refused',
      expect.objectContaining({ cluster: 'cluster-2', outcome: 'failed' }),
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      'a bad form field',
      { ...formInput, totalReplicas: -1 },
      /Invalid federated app: totalReplicas: Number must be greater than or equal to 0/,
    ],
    [
      'a weight for a cluster not placed',
      { ...formInput, weights: [{ cluster: 'cluster-9', weight: 1 }] },
      /weights\.0\.cluster: cluster-9 is not one of the clusters/,
    ],
    [
      'a bad whole app',
      {
        app: {
          ...appInput.app,
          template: { ...appInput.app.template, secrets: [{}] },
        },
      },
      /Invalid federated app: app\.template\.secrets: Secrets are refused/,
    ],
    [
      'both an app and form fields',
      { ...appInput, image: 'nginx' },
      /give either app or the form fields \(image\), not both/,
    ],
    ['nothing', {}, /Invalid federated app: name: Required/],
  ])(
    'refuses %s with an InputError naming the field, before calling the backend',
    async (_, input, message) => {
      const error = await run(input).catch(e => e);
      expect(error.name).toBe('InputError');
      expect(error.message).toMatch(message);
      expect(fake.requests).toHaveLength(0);
    },
  );
});
