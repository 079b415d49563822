import type { z as zImpl } from 'zod/v3';
import { onboardingAnswersSchema } from '../answers/schema';

/** The input every `fleet:*` action takes: the form's answers and where to write. */
export const renderInput = {
  answers: (z: typeof zImpl) =>
    onboardingAnswersSchema(z).describe(
      'The onboarding answers (see the new-customer-deployment template)',
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
