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
  const verdict = verdictOfPacking(fit, pending, options.needs);
  const unread = fit.nodes.filter(node => node.draUnread);
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

function verdictOfPacking(
  fit: GpuFit,
  pending: number,
  needs: string,
): GpuFitVerdict {
  const facts = describeNodeFacts(fit);
  if (fit.unplaced.length > 0) {
    return {
      status: 'insufficient',
      reason: `${needs}, but ${describeUnplaced(fit)}; ${facts}`,
    };
  }
  if (pending > 0) {
    return {
      status: 'insufficient',
      reason: `${plural(pending, 'pod')} ${
        pending === 1 ? 'is' : 'are'
      } pending for want of ${fit.resourceName}; ${facts}`,
    };
  }
  if (fit.moreEnginePods === 0) {
    return {
      status: 'tight',
      reason: `no node has ${describeEngineNeed(
        fit,
      )} for one more engine pod, which a rolling upgrade needs; ${facts}`,
    };
  }
  const room = fit.nodes
    .filter(node => node.moreEnginePods > 0)
    .map(node => `${node.node} ${node.moreEnginePods}`)
    .join(', ');
  return {
    status: 'ok',
    reason: `${needs}; room for ${plural(
      fit.moreEnginePods,
      'more engine pod',
      'more engine pods',
    )} (${room})`,
  };
}
