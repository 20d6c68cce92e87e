/**
 * The contracts this module uses. They live in packages/contracts (api/sop.ts, vocabularies/sops.ts); once the
 * package index exports them, these re-exports can import from '@palermo/contracts' instead.
 */
export * from '../../../../contracts/src/api/sop.js';
export * from '../../../../contracts/src/vocabularies/sops.js';
