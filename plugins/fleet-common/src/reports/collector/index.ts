export {
  COLLECTOR_VERSION,
  renderCollectStatus,
  type CollectStatusOptions,
} from './renderCollectStatus';
