import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples shown in the scaffolder's action reference; a test executes each one. */
export const examples: TemplateExample[] = [
  {
    description: 'Verify the isolation of the tenant an earlier step created',
    example: yaml.stringify({
      steps: [
        {
          id: 'verify',
          action: 'kube-platform:tenant:verify',
          name: 'Verify isolation',
          input: { cluster: 'cluster-2', name: 'payments-dev' },
        },
      ],
    }),
  },
  {
    description: 'Report failed checks without failing the task',
    example: yaml.stringify({
      steps: [
        {
          id: 'verify',
          action: 'kube-platform:tenant:verify',
          name: 'Verify isolation',
          input: {
            cluster: 'cluster-2',
            name: 'payments-dev',
            allowFailure: true,
          },
        },
      ],
    }),
  },
];
