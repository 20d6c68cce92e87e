import type { FieldGrant } from './field-policy.js';
import { prosecutionRelationships, relationships, type ProsecutionRelationship, type Relationship } from './relationships.js';

/** The relationships a person's case stands in: every relationship but the prosecution pipeline's and monitoring's. */
export type CaseRelationship = Exclude<Relationship, ProsecutionRelationship>;
export const caseRelationships = relationships.filter((r): r is CaseRelationship => !(prosecutionRelationships as readonly string[]).includes(r));

/** A grant of nothing, a new object each time (the mutation tests edit grants one by one, in a deep copy that keeps shared objects shared). */
export const noFields = (): FieldGrant<never> => ({ fields: [] });

/**
 * Every case relationship granted nothing, for a record kind that names no case (an operation, a suspect, a network,
 * a victim in proceedings, a recommendation): a field policy spreads it and grants its own relationships after it (a
 * case relationship it does grant, such as the coordinator's, is written after the spread and wins).
 */
export function noCaseRelationshipGrants(): Record<CaseRelationship, FieldGrant<never>> {
  return Object.fromEntries(caseRelationships.map((r) => [r, noFields()])) as Record<CaseRelationship, FieldGrant<never>>;
}
