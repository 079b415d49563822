export { ArtifactsCard } from './ArtifactsCard';
