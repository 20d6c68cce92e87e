import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  generalTraffickingChecklist as general,
  iloForcedLabourChecklist as ilo,
  indicatorAnswers,
  type IndicatorAnswer,
  type IndicatorChecklistDocument,
  type ScreeningSuggestion,
} from '@palermo/contracts';
import { assessScreening } from './screening.service.js';

const P = 'present' as const;
const adultItems = general.items.filter((i) => i.childOnly !== true).length;

interface Case {
  name: string;
  checklist: IndicatorChecklistDocument;
  answers: Record<string, IndicatorAnswer>;
  isChild?: boolean;
  suggestion: ScreeningSuggestion;
  counts?: [strong: number, medium: number, weak: number];
  present?: string[];
  unknown?: number;
  explains?: RegExp;
}

const weakOnly: IndicatorChecklistDocument = {
  ...general,
  code: 'weak_three',
  scoring: { referWhen: { strongAtLeast: null, mediumAtLeast: null, weakAtLeast: 3 }, childReferWhenPresent: [] },
};

const cases: Case[] = [
  { name: 'nothing answered', checklist: general, answers: {}, suggestion: 'no_indicators_found', counts: [0, 0, 0], unknown: adultItems, explains: /does not show that the person was not trafficked/ },
  { name: 'everything absent', checklist: ilo, answers: Object.fromEntries(ilo.items.map((i) => [i.code, 'absent'])), suggestion: 'no_indicators_found', unknown: 0 },
  { name: 'one strong indicator', checklist: general, answers: { documents_withheld: P }, suggestion: 'refer_for_identification', counts: [1, 0, 0], present: ['documents_withheld'], explains: /1 strong indicator\(s\) present/ },
  { name: 'one medium indicator', checklist: general, answers: { threats: P }, suggestion: 'consider_further_enquiries', counts: [0, 1, 0], explains: /do not reach/ },
  { name: 'two medium indicators', checklist: general, answers: { threats: P, isolation: P }, suggestion: 'refer_for_identification', counts: [0, 2, 0], explains: /2 medium indicator\(s\) present/ },
  { name: 'weak indicators only', checklist: general, answers: { moved_frequently: P, exploitative_conditions: P }, suggestion: 'consider_further_enquiries', counts: [0, 0, 2] },
  { name: 'a strong indicator answered unknown never counts', checklist: general, answers: { documents_withheld: 'unknown', violence: 'unknown' }, suggestion: 'no_indicators_found', counts: [0, 0, 0], unknown: adultItems, explains: /unknown answers never count as present/ },
  { name: 'unknown beside a medium one stays below referral', checklist: general, answers: { threats: P, isolation: 'unknown' }, suggestion: 'consider_further_enquiries', counts: [0, 1, 0] },
  { name: 'ILO: retention of identity documents', checklist: ilo, answers: { retention_of_identity_documents: P }, suggestion: 'refer_for_identification', present: ['retention_of_identity_documents'] },
  { name: 'ILO: deception and withholding of wages', checklist: ilo, answers: { deception: P, withholding_of_wages: P }, suggestion: 'refer_for_identification', counts: [0, 2, 0] },
  { name: 'ILO: excessive overtime alone', checklist: ilo, answers: { excessive_overtime: P }, suggestion: 'consider_further_enquiries', counts: [0, 0, 1] },
  { name: 'ILO has no child rule: a child with weak indicators', checklist: ilo, answers: { excessive_overtime: P, abusive_working_and_living_conditions: P }, isChild: true, suggestion: 'consider_further_enquiries' },
  { name: 'child: act and purpose suffice without means', checklist: general, answers: { moved_frequently: P, exploitative_conditions: P }, isChild: true, suggestion: 'refer_for_identification', counts: [0, 0, 2], explains: /art\. 3\(c\)/ },
  { name: 'child: child-specific act and purpose', checklist: general, answers: { child_age_or_documents_misrepresented: P, child_working_for_others: P }, isChild: true, suggestion: 'refer_for_identification', counts: [0, 1, 1] },
  { name: 'child: act without purpose', checklist: general, answers: { child_unaccompanied: P }, isChild: true, suggestion: 'consider_further_enquiries', present: ['child_unaccompanied'] },
  { name: 'child: purpose without act', checklist: general, answers: { exploitative_conditions: P }, isChild: true, suggestion: 'consider_further_enquiries' },
  { name: 'child: a minor in commercial sex is strong whatever the means', checklist: general, answers: { child_commercial_sex: P }, isChild: true, suggestion: 'refer_for_identification', counts: [1, 0, 0] },
  { name: 'child: unknown act does not complete the child rule', checklist: general, answers: { moved_frequently: 'unknown', exploitative_conditions: P }, isChild: true, suggestion: 'consider_further_enquiries' },
  { name: 'adult: same act and purpose as the child case', checklist: general, answers: { moved_frequently: P, exploitative_conditions: P }, isChild: false, suggestion: 'consider_further_enquiries', counts: [0, 0, 2] },
  { name: 'adult: a child-only item answered present is not counted but not ignored', checklist: general, answers: { child_commercial_sex: P }, isChild: false, suggestion: 'consider_further_enquiries', counts: [0, 0, 0], present: [], explains: /presumed to be one/ },
  { name: 'age not recorded is said so', checklist: general, answers: { threats: P }, suggestion: 'consider_further_enquiries', explains: /Age not recorded/ },
  { name: 'codes that are not items are ignored', checklist: ilo, answers: { not_an_item: P, constructor: P }, suggestion: 'no_indicators_found', counts: [0, 0, 0] },
  { name: 'a configured weak threshold', checklist: weakOnly, answers: { moved_frequently: P, speaks_through_others: P, exploitative_conditions: P }, suggestion: 'refer_for_identification', counts: [0, 0, 3] },
  { name: 'a strong indicator with the strong threshold off', checklist: weakOnly, answers: { violence: P }, suggestion: 'consider_further_enquiries', counts: [1, 0, 0] },
];

describe('assessScreening', () => {
  it.each(cases)('$name', (c) => {
    const result = assessScreening(c.checklist, c.answers, c.isChild === undefined ? {} : { isChild: c.isChild });
    expect(result.suggestion).toBe(c.suggestion);
    if (c.counts) expect([result.strongCount, result.mediumCount, result.weakCount]).toEqual(c.counts);
    if (c.present) expect(result.indicatorsPresent).toEqual(c.present);
    if (c.unknown !== undefined) expect(result.unknownCount).toBe(c.unknown);
    expect(result.explanation[0]).toMatch(/not a decision: the decision on victim status is the competent authority/);
    if (c.explains) expect(result.explanation.join('\n')).toMatch(c.explains);
  });

  const rank: Record<ScreeningSuggestion, number> = { no_indicators_found: 0, consider_further_enquiries: 1, refer_for_identification: 2 };
  const answersArb = (checklist: IndicatorChecklistDocument) =>
    fc.dictionary(fc.constantFrom(...checklist.items.map((i) => i.code)), fc.constantFrom(...indicatorAnswers));

  it('treats unknown exactly like absent for the suggestion and the counts', () => {
    fc.assert(
      fc.property(answersArb(general), fc.option(fc.boolean(), { nil: undefined }), (answers, isChild) => {
        const asAbsent = Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v === 'unknown' ? 'absent' : v]));
        const a = assessScreening(general, answers, { isChild });
        const b = assessScreening(general, asAbsent, { isChild });
        expect([a.suggestion, a.strongCount, a.mediumCount, a.weakCount, a.indicatorsPresent]).toEqual([
          b.suggestion, b.strongCount, b.mediumCount, b.weakCount, b.indicatorsPresent,
        ]);
      }),
    );
  });

  it('never suggests less when one more indicator is present, and never less for a child', () => {
    fc.assert(
      fc.property(answersArb(general), fc.constantFrom(...general.items.map((i) => i.code)), fc.boolean(), (answers, code, isChild) => {
        const before = assessScreening(general, answers, { isChild });
        const after = assessScreening(general, { ...answers, [code]: 'present' }, { isChild });
        expect(rank[after.suggestion]).toBeGreaterThanOrEqual(rank[before.suggestion]);
        const asChild = assessScreening(general, answers, { isChild: true });
        expect(rank[asChild.suggestion]).toBeGreaterThanOrEqual(rank[assessScreening(general, answers, { isChild: false }).suggestion]);
      }),
    );
  });
});
