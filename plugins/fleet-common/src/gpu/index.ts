export * from './kubernetes';
export * from './types';
export { describeGpuNode, isGpuNode, tolerates } from './describeGpuNode';
export { describePendingGpuPod, podGpuRequests } from './podGpus';
export * from './summarizeGpuCapacity';
export * from './fit/types';
export { evaluateGpuFit, type GpuFitInput } from './fit/evaluateGpuFit';
export { evaluateGpuSizing, type GpuSizingInput } from './fit/evaluateGpuSizing';
export { judgeGpuFit, type GpuFitVerdict } from './fit/judgeGpuFit';
