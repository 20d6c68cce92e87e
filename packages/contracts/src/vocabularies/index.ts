export * from './organisation-types.js';
export * from './roles.js';
export * from './consent.js';
export * from './cases.js';
export * from './indicators.js';
export * from './sops.js';
export * from './case-records.js';
export * from './audit.js';
