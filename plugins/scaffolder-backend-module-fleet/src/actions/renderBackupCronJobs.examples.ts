import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { exampleStep } from './examples';

export const examples: TemplateExample[] = [
  {
    description:
      'Nightly journal backups of two billing replicas on EBS to an NFS export',
    example: exampleStep(
      'fleet:backup-cronjobs:render',
      'Render backup CronJobs',
    ),
  },
];
