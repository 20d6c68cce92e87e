import { sql, type Expression, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { caseStages, type CaseListSort } from '@palermo/contracts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Worklist = SelectQueryBuilder<any, any, any>;

/**
 * One page of the worklist, read by walking an index in the page's order instead of sorting every case the user may
 * see. The sorts by a date the user may not see (deadline) or a field hidden from them (stage) put the cases that do
 * not show it last: the page is read as the first cases of each stream (those showing the deadline by deadline, then
 * the rest by opening; each stage by opening, then those not showing it), each stream read up to the end of the page,
 * and the streams merged in the page's order. The other sorts are one stream.
 *
 * `query` selects the worklist's rows over `cases c` (filters and read rule applied); `shown` says whether the sorted
 * field is shown for a case (the field policy compiled to SQL); `order` sorts the merged rows (aliased `r`).
 */
export function casePage(query: Worklist, sort: CaseListSort, shown: (field: 'stage' | 'decisionDueAt') => Expression<SqlBool>, order: RawBuilder<unknown>, limit: number, offset: number): RawBuilder<unknown> {
  const end = offset + limit;
  const byOpening = (q: Worklist) => q.orderBy('c.opened_at', 'desc').orderBy('c.id').limit(end);
  let shownStreams: Worklist[];
  let rest: Worklist;
  if (sort === 'due_asc') {
    const dated = sql<SqlBool>`(${shown('decisionDueAt')} and c.decision_due_at is not null)`;
    shownStreams = [query.where(dated).orderBy('c.decision_due_at').orderBy('c.opened_at', 'desc').orderBy('c.id').limit(end)];
    rest = byOpening(query.where(sql<SqlBool>`${dated} is not true`));
  } else if (sort === 'stage_asc') {
    shownStreams = caseStages.map((stage) => byOpening(query.where('c.stage', '=', stage).where(shown('stage'))));
    // A stage outside the vocabulary, if any, sorts as unknown too.
    rest = byOpening(query.where(sql<SqlBool>`(${shown('stage')} and array_position(${sql.val([...caseStages])}::text[], c.stage) is not null) is not true`));
  } else {
    return sql`select r.* from (${query}) as r order by ${order} limit ${limit} offset ${offset}`;
  }
  // The cases that sort last are read only when those before them do not fill the page.
  return sql`with shown as (${sql.join(shownStreams.map((s) => sql`(${s})`), sql` union all `)})
    select r.* from (select * from shown union all select * from (${rest}) as rest where (select count(*) from shown) < ${end}) as r
    order by ${order} limit ${limit} offset ${offset}`;
}
