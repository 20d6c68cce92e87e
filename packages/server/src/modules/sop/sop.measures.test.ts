import { describe, expect, it } from 'vitest';
import { nrmCaseStages, sopDocument, type SopDocumentInput } from './sop.contracts.js';
import { findMeasure, isResponsibleFor, measureDueAt, measuresForStage } from './sop.measures.js';

const ORG = '6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5';
const measure = (id: string, stage: (typeof nrmCaseStages)[number], deadlineDays?: number) => ({
  id,
  title: id,
  what: `do ${id}`,
  when: { stage, ...(deadlineDays === undefined ? {} : { deadlineDays }) },
  who: { organisationTypes: ['ngo' as const] },
  how: 'carefully',
});

const input: SopDocumentInput = {
  sops: [
    { number: 1, title: 'Identification', measures: [measure('one.referral', 'reported', 1), measure('one.decision', 'reasonable_grounds_pending', 5)] },
    { number: 2, title: 'First assistance', measures: [measure('two.shelter', 'reported', 1)] },
    { number: 3, title: 'Assistance', measures: [{ ...measure('three.plan', 'reasonable_grounds_positive', 14), who: { organisationIds: [ORG] } }] },
    { number: 4, title: 'Return', measures: [measure('four.risk', 'conclusive_positive')] },
    { number: 5, title: 'Proceedings', measures: [measure('five.information', 'reported')] },
  ],
};
const document = sopDocument.parse(input);

describe('measuresForStage', () => {
  it('returns the measures of every SOP that apply at the stage, in document order, with their SOP', () => {
    const reported = measuresForStage(document, 'reported');
    expect(reported.map((m) => [m.sop, m.measure.id])).toEqual([
      [1, 'one.referral'],
      [2, 'two.shelter'],
      [5, 'five.information'],
    ]);
    expect(reported[1]?.sopTitle).toBe('First assistance');
  });

  it('returns nothing for a stage no measure names, and never a measure of another stage', () => {
    expect(measuresForStage(document, 'closed')).toEqual([]);
    for (const stage of nrmCaseStages) {
      for (const applicable of measuresForStage(document, stage)) expect(applicable.measure.when.stage).toBe(stage);
    }
    const all = nrmCaseStages.flatMap((stage) => measuresForStage(document, stage)).length;
    expect(all).toBe(document.sops.reduce((n, sop) => n + sop.measures.length, 0));
  });

  it('does not change the document', () => {
    const before = JSON.stringify(document);
    measuresForStage(document, 'reported');
    expect(JSON.stringify(document)).toBe(before);
  });
});

describe('measure helpers', () => {
  it('computes the due date from the day the stage was entered, or none without a deadline', () => {
    const entered = new Date('2025-03-01T10:00:00Z');
    const decision = findMeasure(document, 'one.decision');
    expect(decision && measureDueAt(decision.measure, entered)?.toISOString()).toBe('2025-03-06T10:00:00.000Z');
    const risk = findMeasure(document, 'four.risk');
    expect(risk && measureDueAt(risk.measure, entered)).toBeNull();
    expect(findMeasure(document, 'no.such')).toBeUndefined();
  });

  it('knows who is responsible, by organisation type or by named organisation', () => {
    const referral = findMeasure(document, 'one.referral')?.measure;
    const plan = findMeasure(document, 'three.plan')?.measure;
    if (!referral || !plan) throw new Error('fixture');
    expect(isResponsibleFor(referral, { id: ORG, type: 'ngo' })).toBe(true);
    expect(isResponsibleFor(referral, { id: ORG, type: 'law_enforcement' })).toBe(false);
    expect(isResponsibleFor(plan, { id: ORG, type: 'law_enforcement' })).toBe(true);
    expect(isResponsibleFor(plan, { id: '00000000-0000-4000-8000-000000000000', type: 'ngo' })).toBe(false);
  });
});

describe('the SOP document contract', () => {
  const issuesOf = (value: unknown) => {
    const result = sopDocument.safeParse(value);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('names the path of each problem', () => {
    const bad = structuredClone(input);
    const third = bad.sops[2];
    if (!third) throw new Error('fixture');
    third.measures = [{ ...measure('three.plan', 'reasonable_grounds_positive'), who: { organisationTypes: [] } }];
    expect(issuesOf(bad)).toEqual(['sops.2.measures.0.who: must name at least one organisation type or organisation']);
  });

  it('refuses unknown stages, organisation types and services, negative deadlines and missing text', () => {
    const bad = structuredClone(input) as { sops: Array<{ measures: Array<Record<string, unknown>> }> };
    const first = bad.sops[0]?.measures[0];
    if (!first) throw new Error('fixture');
    Object.assign(first, { when: { stage: 'arrested', deadlineDays: -1 }, who: { organisationTypes: ['bakery'] }, services: ['massage'], how: ' ' });
    expect(issuesOf(bad).map((i) => i.split(':')[0]).sort()).toEqual([
      'sops.0.measures.0.how',
      'sops.0.measures.0.services.0',
      'sops.0.measures.0.when.deadlineDays',
      'sops.0.measures.0.when.stage',
      'sops.0.measures.0.who.organisationTypes.0',
    ]);
  });

  it('requires the five SOPs in order and measure ids unique across the document', () => {
    expect(issuesOf({ sops: input.sops.slice(0, 4) })).toEqual(['sops: must hold the five SOPs, in order']);
    const swapped = structuredClone(input);
    const [a, b] = swapped.sops;
    if (!a || !b) throw new Error('fixture');
    swapped.sops[0] = b;
    swapped.sops[1] = a;
    expect(issuesOf(swapped)).toEqual(['sops.0.number: must be 1: the SOPs are listed in order', 'sops.1.number: must be 2: the SOPs are listed in order']);
    const duplicate = structuredClone(input);
    duplicate.sops[4]?.measures.push(measure('one.referral', 'closed'));
    expect(issuesOf(duplicate)).toEqual(['sops.4.measures.1.id: is used by another measure']);
  });
});
