import { summarizeGpuCapacity } from '../gpu/summarizeGpuCapacity';
import type {
  DeploymentObservations,
  GpuCapacityObservation,
} from '../status/observations';
import type { StatusReport } from './StatusReport';

/**
 * What a status report teaches about a deployment: its GPU capacity and the versions it
 * runs. This is all that is kept of a report — never its nodes or pods.
 *
 * @public
 */
export interface StatusReportObservations {
  gpu: GpuCapacityObservation;
  reported: NonNullable<DeploymentObservations['reported']>;
}

/**
 * Derives the observations of a valid report, for the GPU resource the deployment's engine
 * asks for (`spec.gpu.resourceName`, default `nvidia.com/gpu`).
 *
 * @public
 */
export function summarizeStatusReport(
  report: StatusReport,
  options: { resourceName?: string } = {},
): StatusReportObservations {
  const observedAt = new Date(report.metadata.generatedAt).toISOString();
  return {
    gpu: summarizeGpuCapacity({
      nodes: report.spec.nodes,
      pods: report.spec.pods,
      resourceName: options.resourceName ?? 'nvidia.com/gpu',
      observedAt,
      source: 'report',
    }),
    reported: {
      chartVersion: report.spec.chart.version,
      kubernetesVersion: report.spec.kubernetes.version,
      observedAt,
    },
  };
}
