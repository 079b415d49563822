import { renderCollectStatus } from '../render/renderCollectStatus';
import { renderRunbook } from '../render/renderRunbook';
import { ARTIFACT_FILES } from './artifacts';
import { createRenderAction } from './createRenderAction';
import { examples } from './renderRunbook.examples';

/**
 * `fleet:runbook:render` writes `RUNBOOK.md` and `collect-status.sh`.
 *
 * @public
 */
export function createRenderRunbookAction() {
  return createRenderAction({
    id: 'fleet:runbook:render',
    description:
      "Writes RUNBOOK.md (Secrets to create, the helm command, manual journal retrieval with this deployment's pod and claim names, testing the backup CronJob, what to send back) and collect-status.sh, a kubectl-only status report collector.",
    examples,
    render: answers => [
      { name: ARTIFACT_FILES.runbook, content: renderRunbook(answers) },
      {
        name: ARTIFACT_FILES.collectStatus,
        content: renderCollectStatus(answers),
      },
    ],
  });
}
