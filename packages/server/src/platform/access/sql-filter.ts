import { sql, type Expression, type SqlBool } from 'kysely';
import type { ConsentPurpose } from '@palermo/contracts';
import { holdsForSubject, type Rule, type ShareState, type Subject } from './rules.js';

/**
 * How a table exposes the facts that record-level conditions read. Each is SQL over the row being filtered; a
 * resource that has no such fact leaves it out, and conditions on it never hold.
 */
export interface ResourceColumns {
  readonly organisationId?: Expression<unknown>;
  readonly assigneeUserId?: Expression<unknown>;
  readonly jurisdiction?: Expression<unknown>;
  readonly consentGiven?: (purpose: ConsentPurpose) => Expression<SqlBool>;
  readonly sharedWith?: (organisationId: string) => Expression<SqlBool>;
  /** A share of the row with this organisation in this state exists. */
  readonly sharedInState?: (organisationId: string, state: ShareState) => Expression<SqlBool>;
  /** The person fields named by the row's shares in force with this organisation (text[]). */
  readonly sharedFields?: (organisationId: string) => Expression<string[]>;
}

const never = sql<SqlBool>`false`;
const always = sql<SqlBool>`true`;

/**
 * Compiles a rule, for one user, to a SQL condition on a resource's rows. Role and organisation-type conditions are
 * decided here (they depend on the user only); record conditions become SQL. Lists, search, exports and statistics
 * filter with this, and direct reads use it too, so they can never disagree with each other.
 */
export function compileRule(rule: Rule, subject: Subject, columns: ResourceColumns): Expression<SqlBool> {
  const alternatives: Array<Expression<SqlBool>> = [];
  for (const alternative of rule) {
    const parts: Array<Expression<SqlBool>> = [];
    let possible = true;
    for (const condition of alternative) {
      const subjectOnly = holdsForSubject(condition, subject);
      if (subjectOnly === false) {
        possible = false;
        break;
      }
      if (subjectOnly === true) continue;
      const part = compileRecordCondition(condition, subject, columns);
      if (part === undefined) {
        possible = false;
        break;
      }
      parts.push(part);
    }
    if (!possible) continue;
    if (parts.length === 0) return always;
    alternatives.push(parts.length === 1 && parts[0] ? parts[0] : sql<SqlBool>`(${sql.join(parts, sql` and `)})`);
  }
  if (alternatives.length === 0) return never;
  return sql<SqlBool>`(${sql.join(alternatives, sql` or `)})`;
}

function compileRecordCondition(
  condition: Rule[number][number],
  subject: Subject,
  columns: ResourceColumns,
): Expression<SqlBool> | undefined {
  if ('consent' in condition) return columns.consentGiven?.(condition.consent);
  if ('shared' in condition) return columns.sharedInState?.(subject.organisationId, condition.shared);
  if (!('is' in condition)) return undefined;
  switch (condition.is) {
    case 'sameOrganisation':
      return columns.organisationId && sql<SqlBool>`${columns.organisationId} = ${subject.organisationId}::uuid`;
    case 'assigned':
      return columns.assigneeUserId && sql<SqlBool>`${columns.assigneeUserId} = ${subject.userId}::uuid`;
    case 'inJurisdiction':
      if (!columns.jurisdiction) return undefined;
      if (subject.jurisdictions.length === 0) return never;
      return sql<SqlBool>`${columns.jurisdiction} = any(${sql.val([...subject.jurisdictions])}::text[])`;
    case 'sharedWithOrganisation':
      return columns.sharedWith?.(subject.organisationId);
  }
}
