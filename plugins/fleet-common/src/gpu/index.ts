export * from './kubernetes';
export * from './types';
export { describeGpuNode, isGpuNode, tolerates } from './describeGpuNode';
export { describePendingGpuPod, podGpuRequests } from './podGpus';
export * from './summarizeGpuCapacity';
export * from './fit/types';
