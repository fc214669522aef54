import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples shown in the scaffolder's action reference; a test executes each one. */
export const examples: TemplateExample[] = [
  {
    description: 'Create a development tenant with the small quota preset',
    example: yaml.stringify({
      steps: [
        {
          id: 'create',
          action: 'kube-platform:tenant:create',
          name: 'Create tenant',
          input: {
            name: 'payments-dev',
            owner: 'group:default/team-alpha',
            cluster: 'cluster-2',
            environment: 'development',
            costCenter: 'cc-1234',
            contact: 'alpha@example.com',
            quotaPreset: 'small',
          },
        },
      ],
    }),
  },
  {
    description:
      'Create a production tenant with a custom quota, a monthly budget and extra developers',
    example: yaml.stringify({
      steps: [
        {
          id: 'create',
          action: 'kube-platform:tenant:create',
          name: 'Create tenant',
          input: {
            name: 'storefront',
            owner: 'group:default/team-beta',
            cluster: 'cluster-1',
            environment: 'production',
            costCenter: 'cc-5678',
            contact: 'beta@example.com',
            description: 'Storefront services',
            budget: '2000 USD',
            quota: { 'requests.cpu': '8', 'limits.cpu': '16', pods: 100 },
            members: { developers: ['group:default/team-alpha'] },
          },
        },
      ],
    }),
  },
];
