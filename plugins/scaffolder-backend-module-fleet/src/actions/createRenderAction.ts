import {
  createTemplateAction,
  type TemplateExample,
} from '@backstage/plugin-scaffolder-node';
import { parseOnboardingAnswers } from '../answers/checkAnswers';
import type { OnboardingAnswers } from '../answers/schema';
import { writeArtifacts, type Artifact } from './artifacts';
import { renderInput, renderOutput } from './inputs';

/**
 * A `fleet:*:render` action: checks the answers, renders files with a pure function and writes
 * them into the workspace. Writing into the workspace is the whole effect, so dry-runs do it too
 * (the dry-run shows the files).
 */
export function createRenderAction(options: {
  id: string;
  description: string;
  examples: TemplateExample[];
  render: (answers: OnboardingAnswers) => Artifact[];
}) {
  return createTemplateAction({
    id: options.id,
    description: options.description,
    examples: options.examples,
    supportsDryRun: true,
    schema: { input: renderInput, output: renderOutput },
    async handler(ctx) {
      const answers = parseOnboardingAnswers(ctx.input.answers);
      const files = await writeArtifacts(
        ctx.workspacePath,
        ctx.input.targetPath ?? '.',
        options.render(answers),
      );
      ctx.logger.info(
        `Wrote ${files.join(', ')} for ${answers.deployment.name}`,
      );
      ctx.output('files', files);
    },
  });
}
