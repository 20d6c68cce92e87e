import type { TFunction } from 'i18next';
import { prosecutionImportFields, stepRefusalCode, stepRefusalParams, type ImportProblemCode, type ImportRowProblem } from '@palermo/contracts';
import { translateProblem } from '../../app/errors';
import { translateStepProblem } from '../prosecution/problems';

/**
 * The server gives each rejected row's problem a stable code and what its wording needs (importProblemCodes); these
 * word it in the reader's language, with fields by their labels and dates formatted. A step refused for its order
 * carries the step refusal codes of the prosecution module and is worded as the step forms word it. The server's
 * English sentence is shown only when a problem comes without a code (an older server).
 */
type Worder = (t: TFunction, p: Readonly<Record<string, string | number>>, words: Words) => string;

interface Words {
  readonly field: (name: string) => string;
  readonly date: (iso: string) => string;
}

const key = (name: string) => `prosecutionImport.problems.${name}` as 'prosecutionImport.problems.blank';
const text = (value: string | number | undefined) => String(value ?? '');

const worders: Partial<Record<ImportProblemCode, Worder>> = {
  'not-a-field': (t) => t(key('notAField')),
  'no-such-column': (t, p) => t(key('noSuchColumn'), { column: text(p.column) }),
  blank: (t) => t(key('blank')),
  unmapped: (t) => t(key('unmapped')),
  'not-a-date': (t, p) => t(key('notADate'), { value: text(p.value) }),
  'ambiguous-date': (t, p, w) => t(key('ambiguousDate'), { value: text(p.value), dates: text(p.dates).split(', ').map((d) => w.date(d)).join(' / ') }),
  'not-a-whole-number': (t, p) => t(key('notAWholeNumber'), { value: text(p.value) }),
  'not-a-number': (t, p) => t(key('notANumber'), { value: text(p.value) }),
  'not-yes-no': (t, p) => t(key('notYesNo'), { value: text(p.value) }),
  'not-an-option': (t, p) => t(key('notAnOption'), { value: text(p.value) }),
  'not-a-country-code': (t, p) => t(key('notACountryCode'), { value: text(p.value) }),
  'no-such-organisation': (t, p) => t(key('noSuchOrganisation'), { value: text(p.value) }),
  'wrong-organisation-type': (t, p) =>
    t(key(p.expected === 'court' ? 'notACourt' : p.expected === 'prosecutor' ? 'notAProsecutionOffice' : 'notLawEnforcement'), { value: text(p.value) }),
  'list-length': (t, p) => t(key('listLength'), { count: Number(p.count), expected: Number(p.expected) }),
  'required-with': (t, p, w) =>
    p.value !== undefined ? t(key('requiredForCharge'), { value: text(p.value) }) : t(key('requiredWith'), { other: w.field(text(p.other)) }),
  needs: (t, p, w) => t(key('needs'), { other: w.field(text(p.other)) }),
  'agency-required': (t) => t(key('agencyRequired')),
  'own-agency-only': (t) => t(key('ownAgencyOnly')),
  'own-office-only': (t) => t(key('ownOfficeOnly')),
  'referral-before-opening': (t, p, w) => t(key('referralBeforeOpening'), { date: w.date(text(p.date)), opened: w.date(text(p.opened)) }),
  'duplicate-defendant': (t, p) => t(key('duplicateDefendant'), { operation: text(p.operation), row: text(p.earlierRow) }),
  'step-not-allowed': (t, p) =>
    t(key(p.owner === 'agency' ? 'stepNotAllowedAgency' : 'stepNotAllowedOffice'), { step: t(`prosecution.steps.${text(p.step)}` as 'prosecution.steps.arrest') }),
  'unreadable-row': (t) => t(key('unreadableRow')),
};

/** The label of an import field, or the field's name when it is not one (a mapping naming a field the import lacks). */
export function importFieldLabel(t: TFunction, field: string): string {
  return field in prosecutionImportFields ? t(`prosecutionImport.fields.${field}` as 'prosecutionImport.fields.pseudonym') : field;
}

/** One rejected row's problem in the reader's language. */
export function wordImportProblem(t: TFunction, date: (iso: string) => string, problem: ImportRowProblem): string {
  const { code, params = {} } = problem;
  if (code === undefined) return problem.problem;
  if (stepRefusalCode.safeParse(code).success) {
    // A date in the future that names no step (the operation's start, say) is worded as any such date.
    if (!stepRefusalParams.safeParse(params).success) return code === 'future-date' ? t('problems.notFuture') : t(key('invalidValue'));
    return translateStepProblem(t, date, { field: problem.field, problem: problem.problem, code, params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) });
  }
  const worder = worders[code];
  if (worder) return worder(t, params, { field: (name) => importFieldLabel(t, name), date });
  // A contract refused the value: its phrase is translated where the app knows it, else said plainly.
  const translated = translateProblem(t, problem.problem);
  return translated !== problem.problem ? translated : t(key('invalidValue'));
}
