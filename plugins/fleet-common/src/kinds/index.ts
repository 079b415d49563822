export * from './constants';
export * from './Customer';
export * from './CustomerDeployment';
export * from './validation';
export { isValidEntityName, isValidEntityNamespace } from './entityNames';
