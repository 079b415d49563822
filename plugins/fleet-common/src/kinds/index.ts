export * from './constants';
export * from './Customer';
export * from './CustomerDeployment';
export * from './validation';
