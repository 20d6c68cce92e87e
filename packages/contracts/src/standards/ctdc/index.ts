export * from './k-anonymised.js';
export * from './synthetic-v2.js';
export * from './missing.js';
