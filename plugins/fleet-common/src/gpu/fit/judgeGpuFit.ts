import type { GpuStatus } from '../../status/vocabulary';
import { plural } from '../../words/plural';
import {
  describeEngineNeed,
  describeNodeFacts,
  describeUnplaced,
} from './describeGpuFit';
import type { GpuFit } from './types';

/** @public */
export interface GpuFitVerdict {
  status: GpuStatus;
  reason: string;
}

/**
 * The GPU status a packing earns:
 *
 * - `insufficient` when a pod the deployment needs fits on no node, or pods are pending for want
 *   of GPUs (the scheduler's word beats the packing's);
 * - `tight` when every pod fits but no node has room for one more engine pod, which a rolling
 *   upgrade needs;
 * - `ok` otherwise;
 * - `unknown` instead of `insufficient` or `tight` when nodes whose GPUs DRA manages could not
 *   be read: their GPUs might be the room that seems to be missing.
 *
 * The reason names the node-level fact: `no node has 2 free nvidia.com/gpu; free: a1 1, a2 1`.
 *
 * @public
 */
export function judgeGpuFit(
  fit: GpuFit,
  options: { pendingGpuPods?: number; needs: string },
): GpuFitVerdict {
  const pending = options.pendingGpuPods ?? 0;
  const facts = describeNodeFacts(fit);
  const noRoom = `no node has ${describeEngineNeed(fit)}`;
  const verdict: GpuFitVerdict =
    fit.unplaced.length > 0
      ? {
          status: 'insufficient',
          reason: `${options.needs}, but ${describeUnplaced(fit)}; ${facts}`,
        }
      : pending > 0
      ? {
          status: 'insufficient',
          reason: `${plural(pending, 'pod')} ${
            pending === 1 ? 'is' : 'are'
          } pending for want of ${fit.resourceName}; ${facts}`,
        }
      : fit.moreEnginePods === 0
      ? {
          status: 'tight',
          reason: `${noRoom} for one more engine pod, which a rolling upgrade needs; ${facts}`,
        }
      : {
          status: 'ok',
          reason: `${options.needs}; room for ${plural(
            fit.moreEnginePods,
            'more engine pod',
            'more engine pods',
          )} (${fit.nodes
            .filter(node => node.moreEnginePods > 0)
            .map(node => `${node.node} ${node.moreEnginePods}`)
            .join(', ')})`,
        };
  const unread = fit.nodes.filter(node =>
    node.excluded?.includes('managed by DRA'),
  );
  if (verdict.status !== 'ok' && unread.length > 0) {
    return {
      status: 'unknown',
      reason: `GPUs on ${unread
        .map(node => node.node)
        .join(
          ', ',
        )} are managed by DRA and their ResourceSlices could not be read, so free GPUs there are unknown (otherwise: ${
        verdict.reason
      })`,
    };
  }
  return verdict;
}
