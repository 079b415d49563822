import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'The upgrade plan of acme-prod to 0.42.0: UPGRADE.md, values per step and the collector, in upgrade/',
    example: stringify({
      steps: [
        {
          id: 'plan',
          name: 'Render the upgrade plan',
          action: 'fleet:upgrade-plan:render',
          input: {
            deployment: 'customerdeployment:default/acme-prod',
            target: '0.42.0',
            targetPath: 'upgrade',
          },
        },
      ],
    }),
  },
  {
    description: 'The plan to the latest release, picked in the form',
    example: stringify({
      steps: [
        {
          id: 'plan',
          name: 'Render the upgrade plan',
          action: 'fleet:upgrade-plan:render',
          input: {
            deployment: '${{ parameters.deployment }}',
            target: '${{ parameters.target }}',
          },
        },
      ],
    }),
  },
];
