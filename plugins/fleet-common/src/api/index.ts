export * from './types';
export * from './registrations';
