import { sql } from 'kysely';
import { determinantCodes, type AssessmentComparison, type AssessmentEntryView, type AssessmentSummary, type AssessmentView, type DeterminantDirection } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import { presentFields, visibleFields } from '../../platform/access/field-policy.js';
import { allows, type Subject } from '../../platform/access/rules.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { determinantAssessmentFieldPolicy } from './determinants.fields.js';
import { determinantRules } from './determinants.policy.js';
import { checklistOf, compareChecklists } from './determinants-checklist.js';

/** Assessments do not depend on the record: the relationships that hold are the reader's roles'. */
const facts = { organisationId: null, assigneeUserId: null, jurisdiction: null, consentsGiven: [] } as const;

function mayRead(subject: Subject): Set<string> {
  if (!allows(determinantRules.read, subject)) throw forbidden('You are not allowed to read determinants assessments');
  return visibleFields(determinantAssessmentFieldPolicy, subject, facts);
}

const summaryColumns = [
  'a.id', 'a.country', 'a.title', 'a.updated_at',
  sql<string>`a.period_from::text`.as('period_from'),
  sql<string>`a.period_to::text`.as('period_to'),
  sql<number>`(select count(*)::int from determinant_assessment_entries e where e.assessment_id = a.id)`.as('entry_count'),
] as const;
interface SummaryRow { id: string; country: string; title: string; updated_at: Date; period_from: string; period_to: string; entry_count: number }

const summaryOf = (r: SummaryRow): AssessmentSummary => ({
  id: r.id, country: r.country, periodFrom: r.period_from, periodTo: r.period_to, title: r.title, entryCount: Number(r.entry_count), updatedAt: new Date(r.updated_at).toISOString(),
});

async function summaryRow(tx: Db, id: string): Promise<SummaryRow> {
  const row = await tx.selectFrom('determinant_assessments as a').select([...summaryColumns]).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Assessment');
  return row;
}

/** Every assessment, latest period first, through the field policy. Not personal data: not audited. */
export async function listAssessments(tx: Db, subject: Subject): Promise<AssessmentSummary[]> {
  const visible = mayRead(subject);
  const rows = await tx.selectFrom('determinant_assessments as a').select([...summaryColumns]).orderBy('a.period_from', 'desc').orderBy('a.id').limit(500).execute();
  return rows.map((r) => presentFields(summaryOf(r), visible) as AssessmentSummary);
}

async function entriesOf(tx: Db, id: string): Promise<AssessmentEntryView[]> {
  const rows = await tx.selectFrom('determinant_assessment_entries').selectAll().where('assessment_id', '=', id).execute();
  const order = (code: string) => (determinantCodes as readonly string[]).indexOf(code);
  return rows
    .sort((a, b) => order(a.determinant) - order(b.determinant))
    .map((r) => ({
      determinant: r.determinant, direction: r.direction, activity: r.activity, strength: r.strength,
      typology: { origin: r.origin, nature: r.nature, specificity: r.specificity, reach: r.reach, level: r.level },
      evidence: r.evidence, recommendationIds: r.recommendation_ids, indicatorIds: r.indicator_ids, influences: r.influences, recordedAt: new Date(r.recorded_at).toISOString(),
    }) as AssessmentEntryView);
}

/** One assessment with its entries, in the framework's order. */
export async function readAssessment(tx: Db, subject: Subject, id: string): Promise<AssessmentView> {
  const visible = mayRead(subject);
  const view: AssessmentView = { ...summaryOf(await summaryRow(tx, id)), entries: await entriesOf(tx, id), checklist: await checklistOf(tx, id) };
  return presentFields(view, visible) as AssessmentView;
}

/**
 * Two assessments side by side, the earlier period first whichever is asked from: per determinant of the framework,
 * its direction in each (null where not recorded) and whether it changed (recorded in both with different directions,
 * or recorded in one only).
 */
export function compareDirections(earlier: ReadonlyMap<string, DeterminantDirection>, later: ReadonlyMap<string, DeterminantDirection>): AssessmentComparison['rows'] {
  return determinantCodes
    .filter((code) => earlier.has(code) || later.has(code))
    .map((code) => {
      const a = earlier.get(code) ?? null;
      const b = later.get(code) ?? null;
      return { determinant: code, earlier: a, later: b, changed: a !== b };
    });
}

export async function compareAssessments(tx: Db, subject: Subject, id: string, otherId: string): Promise<AssessmentComparison> {
  const visible = mayRead(subject);
  const [one, other] = [await summaryRow(tx, id), await summaryRow(tx, otherId)];
  const [earlier, later] = one.period_from <= other.period_from ? [one, other] : [other, one];
  const directions = async (assessmentId: string) => new Map((await entriesOf(tx, assessmentId)).map((e) => [e.determinant, e.direction] as const));
  return {
    earlier: presentFields(summaryOf(earlier), visible) as AssessmentSummary,
    later: presentFields(summaryOf(later), visible) as AssessmentSummary,
    rows: compareDirections(await directions(earlier.id), await directions(later.id)),
    checklist: compareChecklists(await checklistOf(tx, earlier.id), await checklistOf(tx, later.id)),
  };
}
