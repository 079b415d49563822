import type { z as zImpl } from 'zod/v3';

/** The groups of answers; each group's fields are in `onboardingAnswersSchema`. */
const ANSWER_GROUPS = [
  'customer',
  'deployment',
  'chart',
  'registry',
  'secrets',
  'billing',
  'backup',
  'gpu',
  'license',
] as const;

/**
 * The input every `fleet:*` action takes: the form's answers and where to write.
 *
 * The scaffolder checks this schema before the action runs, and a template renders unanswered
 * fields as empty strings; so it checks only the shape here, and the action reads the answers
 * with the strict `onboardingAnswersSchema` after dropping empty ones, which refuses a wrong
 * answer in the form's words ("Backup schedule (backup.schedule) …").
 */
export const renderInput = {
  answers: (z: typeof zImpl) =>
    z
      .object({
        ...Object.fromEntries(
          ANSWER_GROUPS.map(group => [
            group,
            z.object({}).passthrough().optional(),
          ]),
        ),
        owner: z.string(),
        profile: z.string(),
        cloud: z.string(),
      })
      .passthrough()
      .describe(
        'The onboarding answers: customer, deployment, owner, profile, cloud, chart, registry, secrets, billing, backup, databases, gpu, license (fields in onboardingAnswersSchema and the README)',
      ),
  targetPath: (z: typeof zImpl) =>
    z
      .string()
      .optional()
      .describe('Folder of the workspace to write into (default: its root)'),
};

/** The output of the render actions. */
export const renderOutput = {
  files: (z: typeof zImpl) =>
    z
      .array(z.string())
      .describe('The files written, relative to the workspace'),
};
