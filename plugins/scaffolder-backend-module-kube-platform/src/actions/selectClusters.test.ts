import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createClusterRegistryFromConfig } from '@kube-platform/plugin-kube-platform-node';
import yaml from 'yaml';
import { createSelectClustersAction } from './selectClusters';
import { examples } from './selectClusters.examples';

const auth = { provider: 'serviceAccount', token: 't' };
const clusterRegistry = createClusterRegistryFromConfig(
  new ConfigReader({
    kubePlatform: {
      clusters: [
        { name: 'cluster-1', url: 'https://127.0.0.1:1', auth, labels: { region: 'us-west', environment: 'production' } },
        { name: 'cluster-2', url: 'https://127.0.0.1:2', auth, labels: { region: 'us-east', environment: 'production', tier: 'gold' } },
        { name: 'cluster-3', url: 'https://127.0.0.1:3', auth, labels: { region: 'eu-west', environment: 'staging' } },
      ],
    },
  }),
);

async function run(input: Record<string, unknown>) {
  const action = createSelectClustersAction({ clusterRegistry });
  const ctx = createMockActionContext({ input: input as any });
  await action.handler(ctx);
  const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  return outputs;
}

describe('kube-platform:cluster:select', () => {
  it('runs each documented example against the registry', async () => {
    const results = [];
    for (const example of examples) {
      const step = yaml.parse(example.example).steps[0];
      results.push(await run(step.input));
    }
    expect(results).toEqual([
      { clusters: ['cluster-1', 'cluster-2'], count: 2 },
      { clusters: ['cluster-2'], count: 1 },
    ]);
  });

  it('fails with InputError when nothing matches, unless not required', async () => {
    await expect(run({ matchLabels: { region: 'ap-south' } })).rejects.toThrow(InputError);
    expect(await run({ matchLabels: { region: 'ap-south' }, required: false })).toEqual({
      clusters: [],
      count: 0,
    });
  });

  it('names the invalid part of the selector', async () => {
    await expect(
      run({ matchExpressions: [{ key: 'region', operator: 'In' }] }),
    ).rejects.toThrow('matchExpressions.0.values');
  });
});
