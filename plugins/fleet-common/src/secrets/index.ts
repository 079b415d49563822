export * from './secretLikeValues';
export { SECRET_PATTERNS, type SecretPattern } from './secretPatterns';
