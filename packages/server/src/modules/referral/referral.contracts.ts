/**
 * The contracts this module uses. They live in packages/contracts (api/referrals.ts); once the package index exports
 * them, these re-exports can import from '@palermo/contracts' instead.
 */
export * from '../../../../contracts/src/api/referrals.js';
