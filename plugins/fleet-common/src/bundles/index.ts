export * from './types';
export {
  buildUpdateBundle,
  type BuildUpdateBundleOptions,
  type UpdateBundle,
} from './buildUpdateBundle';
