export * from './StatusReport';
export * from './validateStatusReport';
export * from './summarizeStatusReport';
export * from './findSecretsInStatusReport';
export * from './collector';
