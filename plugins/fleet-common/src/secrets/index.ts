export * from './secretLikeValues';
