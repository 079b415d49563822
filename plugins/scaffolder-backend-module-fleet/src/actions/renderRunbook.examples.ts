import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { exampleStep } from './examples';

export const examples: TemplateExample[] = [
  {
    description: 'A runbook and status collector for an air-gapped customer',
    example: exampleStep('fleet:runbook:render', 'Render the runbook'),
  },
];
