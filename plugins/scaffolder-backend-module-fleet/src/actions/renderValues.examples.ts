import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { exampleStep } from './examples';

export const examples: TemplateExample[] = [
  {
    description:
      'Values for an air-gapped customer: billing with EBS journals, images from a private registry',
    example: exampleStep('fleet:values:render', 'Render values.yaml'),
  },
];
