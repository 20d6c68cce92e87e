/**
 * The determinants research's recommendations (seeds 001, "Recommendations") as a checklist an assessment scores:
 * each item has a stable code and the audience it addresses. The items' words, summarised, are in the web app's
 * locales under `determinants.checklist.items.<code>` (en, fr, ar); audiences under `determinants.checklist.audiences`.
 *
 * Versioned data: `determinantsChecklistVersion` goes up when an item is added or its meaning changes; a code is never
 * reused for another meaning, and an item withdrawn stays listed with `withdrawnIn` so that older scores still read.
 * Each score row keeps the version it was recorded under (migration 0058).
 *
 * The seeds' sections map to the audiences: law and policy makers; civil society organisations (NGOs); international
 * organisations, which follow up the monitoring and its recommendations (monitoring bodies); donors and funders
 * (funders); media and research (researchers).
 */

export const determinantsChecklistVersion = 1;

export const checklistAudiences = ['law_policy_makers', 'ngos', 'monitoring_bodies', 'funders', 'researchers'] as const;
export type ChecklistAudience = (typeof checklistAudiences)[number];

export const checklistScores = ['not_met', 'partly_met', 'met', 'not_applicable'] as const;
export type ChecklistScore = (typeof checklistScores)[number];

export interface ChecklistItem {
  readonly code: string;
  readonly audience: ChecklistAudience;
  /** The checklist version that introduced the item. */
  readonly since: number;
  /** The version that withdrew it, if any (its scores are kept and still shown). */
  readonly withdrawnIn?: number;
}

const items = <A extends ChecklistAudience>(audience: A, codes: readonly string[]): ChecklistItem[] => codes.map((code) => ({ code, audience, since: 1 }));

/** Every item, in the seeds' order (by audience, then as numbered there). */
export const checklistItems: readonly ChecklistItem[] = [
  ...items('law_policy_makers', [
    'lp_good_faith_obligations',
    'lp_consult_stakeholders',
    'lp_secure_resources',
    'lp_support_civil_society',
    'lp_connected_policies',
    'lp_long_term_strategy',
    'lp_holistic_partnerships',
    'lp_training',
    'lp_open_data',
    'lp_engage_monitoring',
    'lp_independent_institutions',
  ]),
  ...items('ngos', [
    'ngo_wider_civil_society',
    'ngo_careful_framing',
    'ngo_lived_experience',
    'ngo_wider_alliances',
    'ngo_independent_data',
    'ngo_international_partnerships',
    'ngo_mix_of_measures',
    'ngo_international_monitoring',
  ]),
  ...items('monitoring_bodies', ['mb_holistic_capacity', 'mb_follow_up', 'mb_local_priorities', 'mb_partnership']),
  ...items('funders', [
    'fu_local_needs',
    'fu_beyond_projects',
    'fu_small_organisations',
    'fu_local_voices',
    'fu_accountability',
    'fu_mixed_indicators',
    'fu_mainstreaming',
  ]),
  ...items('researchers', ['re_media_framing', 're_language_imagery', 're_all_viewpoints', 're_accessible_research', 're_cross_field', 're_confidentiality']),
];

export const checklistItemCodes: readonly string[] = checklistItems.map((i) => i.code);
const byCode = new Map(checklistItems.map((i) => [i.code, i] as const));
export const checklistItem = (code: string): ChecklistItem | undefined => byCode.get(code);

/** Per audience: how many items are met, partly met, not met, not applicable, and not scored yet. */
export type ChecklistAudienceSummary = { audience: ChecklistAudience; items: number; unscored: number } & Record<ChecklistScore, number>;

/** The summary per audience of an assessment's scores (items withdrawn count only where scored). */
export function checklistSummary(scores: ReadonlyArray<{ item: string; score: ChecklistScore }>): ChecklistAudienceSummary[] {
  const scored = new Map(scores.map((s) => [s.item, s.score] as const));
  return checklistAudiences.map((audience) => {
    const summary: ChecklistAudienceSummary = { audience, items: 0, unscored: 0, not_met: 0, partly_met: 0, met: 0, not_applicable: 0 };
    for (const item of checklistItems) {
      if (item.audience !== audience) continue;
      const score = scored.get(item.code);
      if (item.withdrawnIn !== undefined && score === undefined) continue;
      summary.items += 1;
      if (score === undefined) summary.unscored += 1;
      else summary[score] += 1;
    }
    return summary;
  });
}
