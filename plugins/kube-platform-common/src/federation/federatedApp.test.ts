import {
  DEFAULT_FAILOVER_COOLDOWN,
  durationSeconds,
  federatedAppSchema,
} from './federatedApp';
import {
  MAX_TEMPLATE_OBJECT_BYTES,
  SECRET_REFUSED_MESSAGE,
} from './federatedAppTemplate';
import { exampleFederatedApp } from './testApp';

function issuesOf(input: unknown) {
  const result = federatedAppSchema.safeParse(input);
  if (result.success) throw new Error('expected the input to be refused');
  return result.error.issues.map(i => ({
    path: i.path.join('.'),
    message: i.message,
    keys: (i as { keys?: string[] }).keys,
  }));
}

function withPatch(patch: (app: any) => void) {
  const app: any = exampleFederatedApp();
  patch(app);
  return app;
}

describe('federatedAppSchema', () => {
  it('accepts the example and applies defaults', () => {
    const app = federatedAppSchema.parse(exampleFederatedApp());
    expect(app.overrides).toEqual([]);
    expect(app.failover).toEqual({
      enabled: false,
      cooldown: DEFAULT_FAILOVER_COOLDOWN,
    });
    expect(durationSeconds(app.failover.cooldown)).toBe(300);
  });

  it('defaults replicaScheduling like KubeFed: rebalance off, "*" weight 1', () => {
    const app = federatedAppSchema.parse(
      withPatch(a => {
        a.replicaScheduling = { totalReplicas: 6 };
      }),
    );
    expect(app.replicaScheduling).toEqual({
      totalReplicas: 6,
      rebalance: false,
      intersectWithClusterSelector: false,
      clusters: { '*': { weight: 1 } },
    });
  });

  it('accepts a cluster selector with expressions', () => {
    const app = withPatch(a => {
      a.placement = {
        clusterSelector: {
          matchLabels: { env: 'prod' },
          matchExpressions: [
            { key: 'region', operator: 'In', values: ['eu', 'us'] },
          ],
        },
      };
    });
    expect(federatedAppSchema.safeParse(app).success).toBe(true);
  });

  const refusals: Array<[string, (app: any) => void, string, RegExp]> = [
    [
      'an unknown top-level field',
      a => {
        a.extra = 1;
      },
      '',
      /./,
    ],
    [
      'a Secret list in the template',
      a => {
        a.template.secrets = [{ kind: 'Secret' }];
      },
      'template.secrets',
      /stored in the database/,
    ],
    [
      'a Secret among the ConfigMaps',
      a => {
        a.template.configMaps[0].kind = 'Secret';
      },
      'template.configMaps.0.kind',
      /stored in the database/,
    ],
    [
      'a template without Deployment',
      a => {
        delete a.template.deployment;
      },
      'template.deployment',
      /Required/,
    ],
    [
      'a Deployment of another kind',
      a => {
        a.template.deployment.kind = 'StatefulSet';
      },
      'template.deployment.kind',
      /Deployment/,
    ],
    [
      'a container without image',
      a => {
        delete a.template.deployment.spec.template.spec.containers[0].image;
      },
      'template.deployment.spec.template.spec.containers.0.image',
      /Required/,
    ],
    [
      'a bad resource quantity',
      a => {
        a.template.deployment.spec.template.spec.containers[0].resources.requests.cpu =
          'lots';
      },
      'template.deployment.spec.template.spec.containers.0.resources.requests.cpu',
      /quantity/,
    ],
    [
      'a namespace in template metadata',
      a => {
        a.template.deployment.metadata = { namespace: 'x' };
      },
      'template.deployment.metadata',
      /./,
    ],
    [
      'pod labels contradicting the selector',
      a => {
        a.template.deployment.spec.selector = {
          matchLabels: { tier: 'backend' },
        };
      },
      'template.deployment.spec.template.metadata.labels.tier',
      /selector/,
    ],
    [
      'an oversized ConfigMap',
      a => {
        a.template.configMaps[0].data.big = 'x'.repeat(
          MAX_TEMPLATE_OBJECT_BYTES,
        );
      },
      'template.configMaps.0',
      /bytes; at most/,
    ],
    [
      'duplicate ConfigMaps',
      a => {
        a.template.configMaps.push(a.template.configMaps[0]);
      },
      'template.configMaps.1.metadata.name',
      /duplicate/,
    ],
    [
      'a bad owner ref',
      a => {
        a.owner = 'user:default/jane';
      },
      'owner',
      /group entity ref/,
    ],
    [
      'a component ref of another kind',
      a => {
        a.component = 'system:default/shop';
      },
      'component',
      /component entity ref/,
    ],
    [
      'an upper-case name',
      a => {
        a.name = 'Web';
      },
      'name',
      /DNS-1123/,
    ],
    [
      'both clusters and selector',
      a => {
        a.placement.clusterSelector = {};
      },
      'placement',
      /exactly one/,
    ],
    [
      'neither clusters nor selector',
      a => {
        a.placement = {};
      },
      'placement',
      /exactly one/,
    ],
    [
      'an In expression without values',
      a => {
        a.placement = {
          clusterSelector: { matchExpressions: [{ key: 'r', operator: 'In' }] },
        };
      },
      'placement.clusterSelector.matchExpressions.0.values',
      /at least one value/,
    ],
    [
      'an override of /kind',
      a => {
        a.overrides = [
          {
            clusterName: 'kind-east',
            clusterOverrides: [{ path: '/kind', value: 'Pod' }],
          },
        ];
      },
      'overrides.0.clusterOverrides.0.path',
      /may not override/,
    ],
    [
      'an override of /apiVersion',
      a => {
        a.overrides = [
          {
            clusterName: 'kind-east',
            clusterOverrides: [{ path: '/apiVersion', value: 'v1' }],
          },
        ];
      },
      'overrides.0.clusterOverrides.0.path',
      /may not override/,
    ],
    [
      'an override of /metadata/name',
      a => {
        a.overrides = [
          {
            clusterName: 'kind-east',
            clusterOverrides: [{ path: '/metadata/name', value: 'x' }],
          },
        ];
      },
      'overrides.0.clusterOverrides.0.path',
      /may not override/,
    ],
    [
      'an override of /metadata/namespace',
      a => {
        a.overrides = [
          {
            clusterName: 'kind-east',
            clusterOverrides: [{ op: 'remove', path: '/metadata/namespace' }],
          },
        ];
      },
      'overrides.0.clusterOverrides.0.path',
      /may not override/,
    ],
    [
      'an override replacing all of /metadata',
      a => {
        a.overrides = [
          {
            clusterName: 'kind-east',
            clusterOverrides: [{ path: '/metadata', value: {} }],
          },
        ];
      },
      'overrides.0.clusterOverrides.0.path',
      /may not override/,
    ],
    [
      'a path that is not a pointer',
      a => {
        a.overrides = [
          {
            clusterName: 'kind-east',
            clusterOverrides: [{ path: 'spec.replicas', value: 1 }],
          },
        ];
      },
      'overrides.0.clusterOverrides.0.path',
      /JSON pointer/,
    ],
    [
      'an unknown op',
      a => {
        a.overrides = [
          {
            clusterName: 'kind-east',
            clusterOverrides: [
              { op: 'move', path: '/spec/replicas', value: 1 },
            ],
          },
        ];
      },
      'overrides.0.clusterOverrides.0.op',
      /Invalid enum/,
    ],
    [
      'replace without value',
      a => {
        a.overrides = [
          {
            clusterName: 'kind-east',
            clusterOverrides: [{ path: '/spec/replicas' }],
          },
        ];
      },
      'overrides.0.clusterOverrides.0.value',
      /needs a value/,
    ],
    [
      'remove with a value',
      a => {
        a.overrides = [
          {
            clusterName: 'kind-east',
            clusterOverrides: [
              { op: 'remove', path: '/spec/paused', value: true },
            ],
          },
        ];
      },
      'overrides.0.clusterOverrides.0.value',
      /takes no value/,
    ],
    [
      'two override entries for one cluster',
      a => {
        a.overrides = [
          { clusterName: 'kind-east', clusterOverrides: [] },
          { clusterName: 'kind-east', clusterOverrides: [] },
        ];
      },
      'overrides.1.clusterName',
      /already has overrides/,
    ],
    [
      'a replicas override under replicaScheduling',
      a => {
        a.replicaScheduling = { totalReplicas: 3 };
        a.overrides = [
          {
            clusterName: 'kind-east',
            clusterOverrides: [{ path: '/spec/replicas', value: 1 }],
          },
        ];
      },
      'overrides.0.clusterOverrides.0.path',
      /planned by replicaScheduling/,
    ],
    [
      'negative totalReplicas',
      a => {
        a.replicaScheduling = { totalReplicas: -1 };
      },
      'replicaScheduling.totalReplicas',
      /greater than or equal to 0/,
    ],
    [
      'fractional totalReplicas',
      a => {
        a.replicaScheduling = { totalReplicas: 1.5 };
      },
      'replicaScheduling.totalReplicas',
      /integer/,
    ],
    [
      'a weight above the bound',
      a => {
        a.replicaScheduling = {
          totalReplicas: 3,
          clusters: { 'kind-east': { weight: 10001 } },
        };
      },
      'replicaScheduling.clusters.kind-east.weight',
      /less than or equal to 10000/,
    ],
    [
      'a negative weight',
      a => {
        a.replicaScheduling = {
          totalReplicas: 3,
          clusters: { '*': { weight: -1 } },
        };
      },
      'replicaScheduling.clusters.*.weight',
      /greater than or equal to 0/,
    ],
    [
      'minReplicas above maxReplicas',
      a => {
        a.replicaScheduling = {
          totalReplicas: 3,
          clusters: { '*': { minReplicas: 4, maxReplicas: 2 } },
        };
      },
      'replicaScheduling.clusters.*.minReplicas',
      /maxReplicas/,
    ],
    [
      'an unknown preference field',
      a => {
        a.replicaScheduling = {
          totalReplicas: 3,
          clusters: { '*': { weight: 1, priority: 2 } },
        };
      },
      'replicaScheduling.clusters.*',
      /./,
    ],
    [
      'a bad cooldown',
      a => {
        a.failover = { enabled: true, cooldown: '5 minutes' };
      },
      'failover.cooldown',
      /duration/,
    ],
    [
      'a too-short cooldown',
      a => {
        a.failover = { enabled: true, cooldown: '10s' };
      },
      'failover.cooldown',
      /between 30s and 24h/,
    ],
  ];

  it.each(refusals)(
    'refuses %s, naming the field',
    (_what, patch, path, message) => {
      const issues = issuesOf(withPatch(patch));
      const hit = issues.find(i => i.path === path && message.test(i.message));
      expect({ issues, hit: Boolean(hit) }).toMatchObject({ hit: true });
    },
  );

  it('says why a Secret is refused', () => {
    const issues = issuesOf(
      withPatch(a => {
        a.template.secrets = [];
      }),
    );
    expect(issues).toEqual([
      expect.objectContaining({
        path: 'template.secrets',
        message: SECRET_REFUSED_MESSAGE,
      }),
    ]);
  });

  it('names unknown fields with their keys', () => {
    const issues = issuesOf(
      withPatch(a => {
        a.placement.clusters[0].region = 'eu';
      }),
    );
    expect(issues).toEqual([
      expect.objectContaining({
        path: 'placement.clusters.0',
        keys: ['region'],
      }),
    ]);
  });
});
