import { describe, expect, it } from 'vitest';
import {
  ctdcMeansFlagsOfSuggestion,
  palermoMethodsOfControl,
  screeningToControl,
  suggestMethodsOfControl,
  unmappedScreeningIndicators,
} from '@palermo/contracts';
import { defaultIndicatorChecklists } from '@palermo/contracts';

describe('screening indicators to methods of control', () => {
  it('lists every item of every default checklist exactly once', () => {
    expect(unmappedScreeningIndicators()).toEqual([]);
    const keys = screeningToControl.entries.map((e) => `${e.checklist}:${e.item}`);
    expect(new Set(keys).size).toBe(keys.length);
    const known = new Set(defaultIndicatorChecklists.flatMap((c) => c.items.map((i) => `${c.code}:${i.code}`)));
    for (const key of keys) expect(known.has(key), key).toBe(true);
  });

  it('maps only onto methods of control Palermo knows, and explains every empty or decided mapping', () => {
    const methods = new Set<string>(palermoMethodsOfControl.codes.map((c) => c.code));
    for (const entry of screeningToControl.entries) {
      for (const m of entry.methods) expect(methods.has(m), `${entry.item} -> ${m}`).toBe(true);
      if (entry.methods.length === 0 || entry.basis === 'decision') expect('note' in entry && entry.note, entry.item).toBeTruthy();
    }
  });

  it('suggests only from present answers, naming the indicators behind each method', () => {
    const suggested = suggestMethodsOfControl([
      { checklist: 'ilo_forced_labour', answers: { debt_bondage: 'present', deception: 'unknown', isolation: 'absent' } },
      { checklist: 'trafficking_general', answers: [{ item: 'recruitment_debt', answer: 'present' }, { item: 'documents_withheld', answer: 'present' }] },
    ]);
    expect(suggested.map((s) => s.method)).toEqual(['DebtBondage', 'WithholdsDocuments']);
    expect(suggested[0]?.indicators).toEqual([
      { checklist: 'ilo_forced_labour', item: 'debt_bondage' },
      { checklist: 'trafficking_general', item: 'recruitment_debt' },
    ]);
    const flags = ctdcMeansFlagsOfSuggestion(suggested.map((s) => s.method));
    expect(flags.ctdc2017).toEqual(expect.arrayContaining(['meansOfControlDebtBondage', 'meansOfControlWithholdsDocuments']));
    expect(flags.ctdc2024).toEqual(expect.arrayContaining(['meansDebtBondageEarnings', 'meansWithholdDocs']));
  });

  it('suggests nothing from an unknown checklist or item', () => {
    expect(suggestMethodsOfControl([{ checklist: 'other', answers: { debt_bondage: 'present' } }])).toEqual([]);
  });
});
