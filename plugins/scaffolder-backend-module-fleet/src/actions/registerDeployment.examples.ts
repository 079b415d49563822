import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { exampleStep } from './examples';

export const examples: TemplateExample[] = [
  {
    description:
      'Register the deployment and its generated files in the fleet backend, after the render steps',
    example: exampleStep('fleet:deployment:register', 'Register in the fleet'),
  },
];
