import { renderValues } from '../render/renderValues';
import { ARTIFACT_FILES } from './artifacts';
import { createRenderAction } from './createRenderAction';
import { examples } from './renderValues.examples';

/**
 * `fleet:values:render` writes `values.yaml` for the chart.
 *
 * @public
 */
export function createRenderValuesAction() {
  return createRenderAction({
    id: 'fleet:values:render',
    description:
      'Writes values.yaml for the deepgram-self-hosted chart from the onboarding answers: secret refs by profile, billing and journal storage, private registry images, engine GPUs. Its header lists the Secrets to create (placeholders only).',
    examples,
    render: answers => [
      { name: ARTIFACT_FILES.values, content: renderValues(answers) },
    ],
  });
}
