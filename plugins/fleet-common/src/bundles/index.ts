export * from './types';
export {
  buildUpdateBundle,
  type BuildUpdateBundleOptions,
  type UpdateBundle,
} from './buildUpdateBundle';
export { validateBundleVerification } from './validateBundleVerification';
export { validateBackupManifest } from './validateBackupManifest';
