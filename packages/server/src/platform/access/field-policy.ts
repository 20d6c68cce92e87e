import { sql, type Expression } from 'kysely';
import { allows, type RecordFacts, type Subject } from './rules.js';
import { relationshipRules, relationships, type ProsecutionRelationship, type Relationship, type RelationshipRules } from './relationships.js';
import { compileRule, type ResourceColumns } from './sql-filter.js';

/**
 * One field policy per kind of record: which fields of its views each relationship (relationships.ts) may see. It is
 * data, like the access rules: evaluated in memory (`visibleFields`, the specification the tests check against) and
 * compiled to SQL (`compileVisibleFields`, which the audited reads run so that the audit entry names the fields shown).
 * Every presenter of the record kind builds its answer through `presentFields`, which keeps only those fields.
 *
 * A field is named by its path in the view: `stage`, `person.gender`, `person.fields.givenName`. A path names a key
 * and everything under it (granting `consents` grants the whole list).
 */
export interface FieldGrant<F extends string> {
  /** Fields the relationship sees. */
  readonly fields: readonly F[];
  /**
   * Fields the relationship sees only as far as a share in force with the viewer's organisation names them (the share
   * names a field by the last segment of its path: `givenName` for `person.fields.givenName`).
   */
  readonly asShared?: readonly F[];
}

export interface FieldPolicy<F extends string = string> {
  /** The record kind, as the response contracts name it (`recordKind(...)` in @palermo/contracts). */
  readonly recordKind: string;
  /** Every field the record's views may carry. */
  readonly fields: readonly F[];
  readonly grants: Readonly<Record<Relationship, FieldGrant<F>>>;
}

/** A policy as declared: the prosecution relationships may be left out (they are then granted nothing). */
export interface FieldPolicyDeclaration<F extends string> extends Omit<FieldPolicy<F>, 'grants'> {
  readonly grants: Readonly<Omit<Record<Relationship, FieldGrant<F>>, ProsecutionRelationship>> & Readonly<Partial<Record<ProsecutionRelationship, FieldGrant<F>>>>;
}

/** Declares a record kind's policy, checking that every granted field is one of the record's fields. */
export function defineFieldPolicy<const F extends string>(declared: FieldPolicyDeclaration<F>): FieldPolicy<F> {
  const grants = Object.fromEntries(relationships.map((r) => [r, declared.grants[r] ?? { fields: [] }])) as Record<Relationship, FieldGrant<F>>;
  const policy: FieldPolicy<F> = { ...declared, grants };
  const known = new Set<string>(policy.fields);
  for (const relationship of relationships) {
    const grant = policy.grants[relationship];
    for (const field of [...grant.fields, ...(grant.asShared ?? [])]) {
      if (!known.has(field)) throw new Error(`field policy ${policy.recordKind}: ${relationship} grants unknown field ${field}`);
    }
  }
  return policy;
}

/** The name a share gives a field: the last segment of its path. */
export const sharedName = (path: string): string => path.slice(path.lastIndexOf('.') + 1);

/** The relationships that hold between this user and this record. */
export function relationshipsOf(subject: Subject, facts: RecordFacts, rules: RelationshipRules = relationshipRules): Relationship[] {
  return relationships.filter((relationship) => allows(rules[relationship], subject, facts));
}

/** The person fields named by the record's shares in force with the user's organisation. */
export function sharedFieldsOf(subject: Subject, facts: RecordFacts): Set<string> {
  const names = new Set<string>();
  for (const share of facts.shares ?? []) {
    if (share.organisationId === subject.organisationId && share.state !== 'ended') for (const field of share.fields) names.add(field);
  }
  return names;
}

/** The specification: the fields this user sees of this record (the union over the relationships that hold). */
export function visibleFields<F extends string>(policy: FieldPolicy<F>, subject: Subject, facts: RecordFacts, rules: RelationshipRules = relationshipRules): Set<F> {
  const shared = sharedFieldsOf(subject, facts);
  const out = new Set<F>();
  for (const relationship of relationshipsOf(subject, facts, rules)) {
    const grant = policy.grants[relationship];
    for (const field of grant.fields) out.add(field);
    for (const field of grant.asShared ?? []) if (shared.has(sharedName(field))) out.add(field);
  }
  return out;
}

/**
 * The same policy compiled to SQL for one user: a `text[]` of the fields visible on the row, in the policy's order. Each relationship
 * becomes its rule compiled over the resource's columns; `asShared` grants are intersected with the fields the row's
 * shares in force name for the user's organisation (`columns.sharedFields`; without it, they grant nothing).
 */
export function compileVisibleFields(policy: FieldPolicy, subject: Subject, columns: ResourceColumns, rules: RelationshipRules = relationshipRules): Expression<string[]> {
  const parts = relationships.flatMap((relationship) => {
    const grant = policy.grants[relationship];
    if (grant.fields.length === 0 && (grant.asShared ?? []).length === 0) return [];
    const holds = compileRule(rules[relationship], subject, columns);
    const shared = grant.asShared ?? [];
    const sharedPart =
      shared.length > 0 && columns.sharedFields
        ? sql`array(select m.path from unnest(${sql.val(shared)}::text[], ${sql.val(shared.map(sharedName))}::text[]) as m(path, name)
                    where m.name = any(${columns.sharedFields(subject.organisationId)}))`
        : sql`'{}'::text[]`;
    return [sql`case when ${holds} then ${sql.val([...grant.fields])}::text[] || ${sharedPart} else '{}'::text[] end`];
  });
  if (parts.length === 0) return sql<string[]>`'{}'::text[]`;
  return sql<string[]>`array(select f from unnest(${sql.join(parts, sql` || `)}) as f group by f order by array_position(${sql.val([...policy.fields])}::text[], f))`;
}

/** Is this path visible: granted itself, or under a granted path? */
function granted(visible: ReadonlySet<string>, path: string): boolean {
  if (visible.has(path)) return true;
  for (let i = path.lastIndexOf('.'); i > 0; i = path.lastIndexOf('.', i - 1)) if (visible.has(path.slice(0, i))) return true;
  return false;
}

/** Does any visible field lie under this path (so the object is kept, to hold it)? */
function holdsGranted(visible: ReadonlySet<string>, path: string): boolean {
  const prefix = `${path}.`;
  for (const field of visible) if (field.startsWith(prefix)) return true;
  return false;
}

/**
 * The presenter's last step: keeps the fields of `view` the policy grants and drops every other key (an object is kept
 * when a field under it is granted). Works on the view as built; a service decrypts only the fields it will keep.
 */
export function presentFields<V extends object>(view: V, visible: ReadonlySet<string>, prefix = ''): Partial<V> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(view)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (granted(visible, path)) out[key] = value;
    else if (value !== null && typeof value === 'object' && !Array.isArray(value) && holdsGranted(visible, path)) out[key] = presentFields(value as object, visible, path);
  }
  return out as Partial<V>;
}

/** The paths of the leaves present in a view (objects descended, arrays and scalars are leaves). */
export function presentPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return prefix ? [prefix] : [];
  return Object.entries(value).flatMap(([key, inner]) => presentPaths(inner, prefix ? `${prefix}.${key}` : key));
}

/** Is every present path granted (itself or under a granted path)? The fields outside the policy, if any. */
export function fieldsOutsidePolicy(view: unknown, visible: ReadonlySet<string>): string[] {
  return presentPaths(view).filter((path) => !granted(visible, path));
}
