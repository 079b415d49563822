export * from './types';
export * from './kubeVersion';
export * from './readReleaseIndex';
