import { summarizeGpuCapacity } from '../gpu/summarizeGpuCapacity';
import type {
  DeploymentObservations,
  GpuCapacityObservation,
} from '../status/observations';
import type { StatusReport } from './StatusReport';

/**
 * What a status report teaches about a deployment: its GPU capacity and the versions it
 * runs. This is all that is kept of a report — never its nodes, pods or DRA objects.
 *
 * @public
 */
export interface StatusReportObservations {
  gpu: GpuCapacityObservation;
  reported: NonNullable<DeploymentObservations['reported']>;
}

const UNREADABLE_BY_COLLECTOR =
  "the status collector could not list the cluster's ResourceSlices and ResourceClaims (resource.k8s.io): its account needs list on both";

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
  const { spec } = report;
  return {
    gpu: summarizeGpuCapacity({
      nodes: spec.nodes,
      pods: spec.pods,
      clusterPods: spec.clusterPods,
      resourceSlices: spec.resourceSlices,
      resourceClaims: spec.resourceClaims,
      dra: spec.dra,
      draError: spec.dra === 'unreadable' ? UNREADABLE_BY_COLLECTOR : undefined,
      resourceName: options.resourceName ?? 'nvidia.com/gpu',
      observedAt,
      source: 'report',
    }),
    reported: {
      chartVersion: spec.chart.version,
      kubernetesVersion: spec.kubernetes.version,
      observedAt,
    },
  };
}
