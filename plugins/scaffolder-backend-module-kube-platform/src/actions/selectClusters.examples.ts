import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples shown in the scaffolder's action reference; a test executes each one. */
export const examples: TemplateExample[] = [
  {
    description: 'Select every production cluster',
    example: yaml.stringify({
      steps: [
        {
          id: 'select',
          action: 'kube-platform:cluster:select',
          name: 'Select production clusters',
          input: { matchLabels: { environment: 'production' } },
        },
      ],
    }),
  },
  {
    description: 'Select clusters outside us-west that carry a tier label',
    example: yaml.stringify({
      steps: [
        {
          id: 'select',
          action: 'kube-platform:cluster:select',
          name: 'Select clusters',
          input: {
            matchExpressions: [
              { key: 'region', operator: 'NotIn', values: ['us-west'] },
              { key: 'tier', operator: 'Exists' },
            ],
          },
        },
      ],
    }),
  },
];
