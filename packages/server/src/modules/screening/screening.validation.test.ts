import { describe, expect, it } from 'vitest';
import {
  defaultIndicatorChecklists,
  generalTraffickingChecklist as general,
  indicatorChecklistDocument,
  screeningSubmission,
  screeningSubmissionFor,
  type IndicatorChecklistDocument,
} from '@palermo/contracts';
import { issuesOf } from './screening.service.js';

function problems(schema: { safeParse(v: unknown): { success: true } | { success: false; error: Parameters<typeof issuesOf>[0] } }, value: unknown) {
  const result = schema.safeParse(value);
  return result.success ? [] : issuesOf(result.error);
}

const clone = (): IndicatorChecklistDocument => structuredClone(general);

describe('the checklist document contract', () => {
  it.each(defaultIndicatorChecklists.map((c) => [c.code, c] as const))('accepts the default %s', (_code, checklist) => {
    expect(problems(indicatorChecklistDocument, checklist)).toEqual([]);
  });

  it('holds the 11 ILO indicators and child-specific items in the general list', () => {
    const [ilo] = defaultIndicatorChecklists;
    expect(ilo?.items.map((i) => i.code)).toEqual([
      'abuse_of_vulnerability', 'deception', 'restriction_of_movement', 'isolation', 'physical_and_sexual_violence',
      'intimidation_and_threats', 'retention_of_identity_documents', 'withholding_of_wages', 'debt_bondage',
      'abusive_working_and_living_conditions', 'excessive_overtime',
    ]);
    expect(general.items.find((i) => i.code === 'child_commercial_sex')).toMatchObject({ strength: 'strong', childOnly: true, element: 'purpose' });
  });

  const badDocuments: Array<[string, (d: IndicatorChecklistDocument & Record<string, unknown>) => void, string, RegExp]> = [
    ['an unknown strength', (d) => Object.assign(d.items[2] ?? {}, { strength: 'very' }), 'items.2.strength', /must be strong, medium or weak/],
    ['an unknown element', (d) => Object.assign(d.items[0] ?? {}, { element: 'motive' }), 'items.0.element', /must be act, means or purpose/],
    ['a duplicate item code', (d) => Object.assign(d.items[3] ?? {}, { code: d.items[0]?.code }), 'items.3.code', /used by an earlier item/],
    ['an undeclared category', (d) => Object.assign(d.items[1] ?? {}, { category: 'elsewhere' }), 'items.1.category', /elsewhere is not a category of this checklist/],
    ['a bad item code', (d) => Object.assign(d.items[5] ?? {}, { code: 'Bad Code' }), 'items.5.code', /lower-case letters/],
    ['an empty label', (d) => Object.assign(d.items[4] ?? {}, { label: '  ' }), 'items.4.label', /is required/],
    ['a version of 0', (d) => Object.assign(d, { version: 0 }), 'version', /must be at least 1/],
    ['a fractional version', (d) => Object.assign(d, { version: 1.5 }), 'version', /whole number/],
    ['no items', (d) => Object.assign(d, { items: [] }), 'items', /at least one item/],
    ['every threshold off', (d) => Object.assign(d.scoring, { referWhen: { strongAtLeast: null, mediumAtLeast: null, weakAtLeast: null } }), 'scoring.referWhen', /could never suggest a referral/],
    ['a child rule that requires means', (d) => Object.assign(d.scoring, { childReferWhenPresent: ['act', 'means'] }), 'scoring.childReferWhenPresent.1', /no means are required/],
    ['a child rule on an element without items', (d) => Object.assign(d, { items: d.items.filter((i) => i.element !== 'act') }), 'scoring.childReferWhenPresent.0', /no item of this checklist has element act/],
    ['an unknown field', (d) => Object.assign(d, { weighting: 2 }), '(body)', /Unrecognized key/],
    ['a missing scoring rule', (d) => Object.assign(d, { scoring: undefined }), 'scoring', /./],
  ];

  it.each(badDocuments)('names the field of %s', (_name, spoil, field, problem) => {
    const doc = clone() as IndicatorChecklistDocument & Record<string, unknown>;
    spoil(doc);
    const found = problems(indicatorChecklistDocument, doc);
    expect(found.map((p) => p.field)).toContain(field);
    expect(found.find((p) => p.field === field)?.problem).toMatch(problem);
  });
});

describe('the screening submission contract', () => {
  const forGeneral = screeningSubmissionFor(general);
  const valid = { checklistCode: 'trafficking_general', checklistVersion: 1, answers: { threats: 'present', violence: 'unknown' } };

  it('accepts a submission without any name or identifying field, and with partial answers', () => {
    expect(problems(forGeneral, valid)).toEqual([]);
    expect(problems(forGeneral, { ...valid, answers: { threats: 'absent' }, isChild: true, notes: 'met at the bus station' })).toEqual([]);
  });

  it('refuses a screening with no answer at all: nothing answered, or every item unknown', () => {
    for (const answers of [{}, { threats: 'unknown', violence: 'unknown' }]) {
      expect(problems(forGeneral, { ...valid, answers })).toEqual([{ field: 'answers', problem: 'must answer at least one indicator' }]);
    }
  });

  it('names an answer to a code that is not an item of the checklist', () => {
    expect(problems(forGeneral, { ...valid, answers: { threats: 'present', passport_missing: 'present' } })).toEqual([
      { field: 'answers.passport_missing', problem: 'is not an item of checklist trafficking_general version 1' },
    ]);
  });

  it('names an answer that is not present, absent or unknown', () => {
    expect(problems(screeningSubmission, { ...valid, answers: { threats: 'yes' } })).toEqual([
      { field: 'answers.threats', problem: 'must be present, absent or unknown' },
    ]);
  });

  it('names a submission made for another checklist or version', () => {
    expect(problems(forGeneral, { ...valid, checklistCode: 'ilo_forced_labour', checklistVersion: 2 })).toEqual([
      { field: 'checklistCode', problem: 'is not trafficking_general' },
      { field: 'checklistVersion', problem: 'is not version 1 of trafficking_general' },
    ]);
  });

  it('refuses fields it does not know, such as a name', () => {
    const found = problems(screeningSubmission, { ...valid, name: 'Ana' });
    expect(found[0]?.problem).toMatch(/Unrecognized key.*name/);
  });

  it('names bad types', () => {
    expect(problems(screeningSubmission, { ...valid, checklistVersion: '1', isChild: 'yes' }).map((p) => p.field)).toEqual([
      'checklistVersion',
      'isChild',
    ]);
  });
});
