export { GpuSizingField, type GpuSizingFieldUiOptions } from './GpuSizingField';
export type { GpuSizingAnswer } from './proposal';
