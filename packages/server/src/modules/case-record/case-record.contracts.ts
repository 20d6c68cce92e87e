/**
 * The contracts this module uses. They live in packages/contracts (api/case-records.ts, vocabularies/case-records.ts);
 * once the package index exports them, these re-exports can import from '@palermo/contracts' instead.
 */
export * from '../../../../contracts/src/api/case-records.js';
export * from '../../../../contracts/src/vocabularies/case-records.js';
