import { lawEnforcementOrganisationTypes, recordStepRequest, type ColumnMapping, type ImportRowProblem, type RecordStepRequest } from '@palermo/contracts';
import type { Subject } from '../../platform/access/rules.js';
import { contractIssueCode, RowReader } from '../../platform/imports/row-reader.js';
import type { ImportTable } from '../../platform/imports/read-table.js';
import { plannedStep, vocabularies as v, type PlannedDefendant, type PlannedStep } from './prosecution-import.plan.js';

export interface KnownOrganisation {
  readonly id: string;
  readonly name: string;
  readonly type: string;
}

/** What a row is read against: the importer (whose organisation is the agency or the office) and the organisations by name. */
export interface RowContext {
  readonly importer: Subject;
  readonly organisations: readonly KnownOrganisation[];
}

function organisation(reader: RowReader, field: string, context: RowContext, types: readonly string[], what: string, expected: 'law_enforcement' | 'prosecutor' | 'court'): string | undefined {
  const name = reader.text(field);
  if (name === undefined) return undefined;
  const key = name.toLowerCase();
  const found = context.organisations.find((o) => o.name.toLowerCase() === key);
  if (!found) return reader.problem(field, `no active organisation is named "${name}"`, 'no-such-organisation', { value: name });
  if (!types.includes(found.type)) return reader.problem(field, `"${name}" is not ${what}`, 'wrong-organisation-type', { value: name, expected });
  return found.id;
}

/** A list of one value applies to every item; otherwise it must have one value per item. */
function aligned<T>(reader: RowReader, field: string, values: readonly T[] | undefined, count: number, of: string): Array<T | undefined> | undefined {
  if (values === undefined || values.length === 0) return Array.from({ length: count }, () => undefined);
  if (values.length === 1) return Array.from({ length: count }, () => values[0]);
  if (values.length === count) return [...values];
  return reader.problem(field, `lists ${values.length} values for ${count} ${of}; give one value for all or one per ${of.replace(/s$/u, '')}`, 'list-length', { count: values.length, expected: count, items: of });
}

/**
 * One row of the file (one defendant) read into a planned defendant, or the problems of its cells. The operation
 * belongs to the importer's agency (an investigator) or to the agency the row names (a prosecutor, whose office the
 * investigation is referred to). Charges: one provision per value of the cell, with one category for all or one per
 * provision; verdicts the same, per charge; a sentence, an appeal of each verdict and its decision when dated.
 */
export function readDefendantRow(mapping: ColumnMapping, table: ImportTable, row: { row: number; cells: readonly string[] }, context: RowContext): PlannedDefendant | ImportRowProblem[] {
  const r = new RowReader(mapping, table.columns, row.row, row.cells);
  const { importer } = context;
  const prosecutorImports = importer.roles.includes('prosecutor') && importer.organisationType === 'prosecutor';
  const operationKey = r.text('operationReference', true);
  const startedOn = r.date('operationStartedOn', true);
  const namedAgency = organisation(r, 'agency', context, lawEnforcementOrganisationTypes, 'a law-enforcement organisation', 'law_enforcement');
  let agencyId = namedAgency;
  if (prosecutorImports) {
    if (namedAgency === undefined && !r.isMapped('agency')) r.problem('agency', 'is required: the law-enforcement agency that recorded the operation', 'agency-required');
  } else {
    if (namedAgency !== undefined && namedAgency !== importer.organisationId) r.problem('agency', 'an investigator imports the operations of their own agency only', 'own-agency-only');
    agencyId = importer.organisationId;
  }
  const origin = r.choice('origin', v.operationOrigins, true);
  const approach = r.choice('approach', v.investigationApproaches, true);
  const forms = r.choices('formsOfExploitation', v.formsOfExploitation) ?? [];
  const openedOn = r.date('investigationOpenedOn') ?? startedOn;
  const namedOffice = organisation(r, 'prosecutionOffice', context, ['prosecutor'], 'a prosecution office', 'prosecutor');
  if (prosecutorImports && namedOffice !== undefined && namedOffice !== importer.organisationId) r.problem('prosecutionOffice', 'a prosecutor imports the cases referred to their own office only', 'own-office-only');
  const officeId = prosecutorImports ? importer.organisationId : (namedOffice ?? null);
  const chargedOn = r.date('chargedOn');
  const referredOn = officeId ? (r.date('referredOn') ?? chargedOn ?? openedOn ?? null) : null;
  if (officeId === null && r.text('referredOn') !== undefined) r.problem('referredOn', 'a referral needs the prosecution office it went to', 'needs', { other: 'prosecutionOffice' });

  const pseudonym = r.text('pseudonym', true);
  const identity = {
    givenName: r.text('givenName'),
    familyName: r.text('familyName'),
    birthDate: r.date('birthDate'),
    identityNumber: r.text('identityNumber'),
  };
  const roles = r.choices('roles', v.suspectRoles, true);
  const sex = r.choice('sex', v.suspectSexes, true, { m: 'male', f: 'female' });
  const citizenships = (r.list('citizenships') ?? []).map((c) => c.toUpperCase());
  for (const c of citizenships) if (!/^[A-Z]{2}$/u.test(c)) r.problem('citizenships', `"${c}" is not a two-letter country code such as NG`, 'not-a-country-code', { value: c });
  const ageAtOffence = r.integer('ageAtOffence');

  const steps: PlannedStep[] = [];
  const step = (input: RecordStepRequest, field: string) => {
    const parsed = recordStepRequest.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const { code, params } = contractIssueCode(issue);
        r.problem(issue.path[0] === 'occurredOn' ? field : String(issue.path[0] ?? field), issue.message, code, params);
      }
      return undefined;
    }
    const planned = plannedStep(parsed.data as RecordStepRequest & { occurredOn: string }, field);
    steps.push(planned);
    return planned;
  };
  const arrestedOn = r.date('arrestedOn');
  if (arrestedOn) step({ kind: 'arrest', occurredOn: arrestedOn }, 'arrestedOn');
  const provisions = r.list('chargeProvisions') ?? [];
  const categories = aligned(r, 'chargeCategories', r.choices('chargeCategories', v.chargeCategories), provisions.length, 'charges');
  if (provisions.length > 0 && r.text('chargedOn') === undefined) r.problem('chargedOn', 'is required when charges are listed', 'required-with', { other: 'chargeProvisions' });
  if (provisions.length === 0 && chargedOn) r.problem('chargeProvisions', 'a charge date without any provision charged', 'required-with', { other: 'chargedOn' });
  const charges = chargedOn && categories
    ? provisions.map((provision, i) => {
        const category = categories[i];
        if (category === undefined) return r.problem('chargeCategories', `is required for the charge "${provision}"`, 'required-with', { other: 'chargeProvisions', value: provision });
        return step({ kind: 'charge', occurredOn: chargedOn, provision, category }, 'chargedOn');
      })
    : [];
  const prosecutedOn = r.date('prosecutedOn');
  const courtId = organisation(r, 'court', context, ['court'], 'a court', 'court');
  if (prosecutedOn && !courtId) r.problem('court', 'is required for a prosecution: the court it was brought before', 'required-with', { other: 'prosecutedOn' });
  if (prosecutedOn && courtId) step({ kind: 'prosecution', occurredOn: prosecutedOn, courtOrganisationId: courtId }, 'prosecutedOn');

  const verdictOn = r.date('verdictOn');
  const outcomes = aligned(r, 'verdicts', r.choices('verdicts', v.verdictOutcomes), charges.length, 'charges');
  const convictedProvisions = aligned(r, 'convictedProvisions', r.list('convictedProvisions'), charges.length, 'charges');
  const convictedCategories = aligned(r, 'convictedCategories', r.choices('convictedCategories', v.chargeCategories), charges.length, 'charges');
  const verdicts: PlannedStep[] = [];
  if (verdictOn && outcomes && convictedProvisions && convictedCategories) {
    if (charges.length === 0) r.problem('verdictOn', 'a verdict without any charge; list the provisions charged', 'needs', { other: 'chargeProvisions' });
    for (const [i, charge] of charges.entries()) {
      const outcome = outcomes[i];
      if (!charge) continue;
      if (!outcome) {
        r.problem('verdicts', 'is required when a verdict date is given: convicted, acquitted or dismissed', 'required-with', { other: 'verdictOn' });
        break;
      }
      const convicted = outcome === 'convicted';
      const verdict = step({
        kind: 'verdict', occurredOn: verdictOn, chargeId: charge.id, outcome,
        ...(convicted && convictedProvisions[i] && convictedProvisions[i] !== (charge.input as { provision?: string }).provision ? { convictedProvision: convictedProvisions[i] } : {}),
        ...(convicted && convictedCategories[i] ? { convictedCategory: convictedCategories[i] } : {}),
      }, 'verdictOn');
      if (verdict) verdicts.push(verdict);
    }
  } else if (r.text('verdictOn') === undefined && r.text('verdicts') !== undefined) r.problem('verdictOn', 'is required when verdicts are given', 'required-with', { other: 'verdicts' });

  const custodialMonths = r.integer('custodialMonths');
  const fineAmount = r.number('fineAmount');
  const sentencedOn = r.date('sentencedOn') ?? (custodialMonths !== undefined || fineAmount !== undefined ? verdictOn : undefined);
  if (sentencedOn) {
    const suspended = r.yesNo('suspended') ?? false;
    const currency = r.text('currency')?.toUpperCase();
    step({ kind: 'sentence', occurredOn: sentencedOn, custodialMonths: custodialMonths ?? 0, suspended, ...(fineAmount !== undefined ? { fineAmount } : {}), ...(currency ? { currency } : {}) }, 'sentencedOn');
  }
  const appealedOn = r.date('appealedOn');
  const appellant = r.choice('appellant', v.appellants);
  const appealDecidedOn = r.date('appealDecidedOn');
  const appealOutcome = r.choice('appealOutcome', v.appealOutcomes);
  if (appealedOn) {
    if (!appellant) r.problem('appellant', 'is required with an appeal: prosecution or defence', 'required-with', { other: 'appealedOn' });
    if (verdicts.length === 0) r.problem('appealedOn', 'an appeal without a verdict; give the verdict first', 'needs', { other: 'verdictOn' });
    for (const verdict of verdicts) {
      if (!appellant) break;
      const appeal = step({ kind: 'appeal', occurredOn: appealedOn, verdictId: verdict.id, appellant }, 'appealedOn');
      if (appeal && appealDecidedOn) {
        if (!appealOutcome) r.problem('appealOutcome', 'is required with an appeal decision', 'required-with', { other: 'appealDecidedOn' });
        else step({ kind: 'appeal_decision', occurredOn: appealDecidedOn, appealId: appeal.id, outcome: appealOutcome }, 'appealDecidedOn');
      }
    }
  } else if (appealDecidedOn) r.problem('appealDecidedOn', 'an appeal decision without an appeal date', 'needs', { other: 'appealedOn' });

  if (r.problems.length > 0 || !operationKey || !startedOn || !agencyId || !origin || !approach || !pseudonym || !roles || !sex) return r.problems.length > 0 ? r.problems : [{ row: row.row, column: null, field: 'row', problem: 'cannot be read', code: 'unreadable-row', params: {} }];
  const investigationKey = r.text('investigationReference') ?? operationKey;
  const hasIdentity = Object.values(identity).some((x) => x !== undefined);
  return {
    row: row.row,
    operation: { key: operationKey, name: r.text('operationName') ?? operationKey, startedOn, agencyId, origin, approach, formsOfExploitation: [...new Set(forms)] },
    investigation: { key: investigationKey, title: investigationKey, openedOn: openedOn ?? startedOn, officeId, referredOn },
    key: r.text('defendantReference') ?? pseudonym,
    suspect: {
      investigationId: '00000000-0000-4000-8000-000000000000',
      pseudonym,
      ...(hasIdentity ? { identity: Object.fromEntries(Object.entries(identity).filter(([, x]) => x !== undefined)) } : {}),
      roles: [...new Set(roles)],
      sex,
      citizenships: [...new Set(citizenships)],
      ...(ageAtOffence !== undefined ? { ageAtOffence } : {}),
    },
    steps,
  };
}
