export * from './types';
export {
  compareChartVersions,
  isSameChartVersion,
  normalizeVersion,
} from './chartVersion';
export {
  isVersionRange,
  satisfiesKubeVersion,
  satisfiesVersionRange,
} from './kubeVersion';
export { compareDriverVersions } from './driverVersion';
export { readReleaseIndex } from './readReleaseIndex';
export { RELEASE_POLICY_KIND, readReleasePolicy } from './readReleasePolicy';
export { sizeForLoad, sizingAt } from './sizing';
export {
  type ChangelogEntry,
  readChangelog,
  releaseNotesBetween,
} from './changelog';
