import type {
  IndicatorAnswer,
  IndicatorChecklistDocument,
  IndicatorItem,
  IndicatorStrength,
  ScreeningAssessment,
  ScreeningSuggestion,
} from '@palermo/contracts';

export interface ScreeningOptions {
  /** Recorded as under 18. Not recorded (undefined) is scored as an adult, and the explanation says so. */
  readonly isChild?: boolean | undefined;
}

const ADVICE_ONLY =
  'This is a suggestion for the practitioner, not a decision: the decision on victim status is the competent authority’s.';

function describe(items: readonly IndicatorItem[]): string {
  return items.map((i) => `${i.label} (${i.code})`).join('; ');
}

function countOf(items: readonly IndicatorItem[], strength: IndicatorStrength): number {
  return items.filter((i) => i.strength === strength).length;
}

/**
 * Screens answers against a checklist. Pure: the same inputs always give the same result. It suggests and explains; it
 * never decides. Only `present` counts: `unknown`, `absent` and unanswered items never do. Child-only items count only
 * for a person recorded as a child. Answers to codes that are not items are ignored (the contract refuses them first).
 *
 * Suggestion: refer for identification when a threshold of the checklist's scoring rule is reached (defaults: any strong
 * indicator, or two medium ones), or, for a child, when an indicator of each element of the child rule is present
 * (defaults: act and purpose; no means are required, UN Trafficking in Persons Protocol art. 3(c)); otherwise, consider
 * further enquiries when any indicator is present (or a child-only one for a person not recorded as a child: their age
 * needs checking); otherwise, no indicators found.
 */
export function assessScreening(
  checklist: IndicatorChecklistDocument,
  answers: Readonly<Record<string, IndicatorAnswer | undefined>>,
  options: ScreeningOptions = {},
): ScreeningAssessment {
  const isChild = options.isChild === true;
  const present: IndicatorItem[] = [];
  const childOnlyNotCounted: IndicatorItem[] = [];
  let unknownCount = 0;
  for (const item of checklist.items) {
    const answer = Object.hasOwn(answers, item.code) ? (answers[item.code] ?? 'unknown') : 'unknown';
    if (item.childOnly === true && !isChild) {
      if (answer === 'present') childOnlyNotCounted.push(item);
      continue;
    }
    if (answer === 'present') present.push(item);
    else if (answer === 'unknown') unknownCount += 1;
  }

  const strongCount = countOf(present, 'strong');
  const mediumCount = countOf(present, 'medium');
  const weakCount = countOf(present, 'weak');
  const { referWhen, childReferWhenPresent } = checklist.scoring;
  const reasons: string[] = [];
  const thresholds: Array<[number | null, number, IndicatorStrength]> = [
    [referWhen.strongAtLeast, strongCount, 'strong'],
    [referWhen.mediumAtLeast, mediumCount, 'medium'],
    [referWhen.weakAtLeast, weakCount, 'weak'],
  ];
  for (const [atLeast, count, strength] of thresholds) {
    if (atLeast !== null && count >= atLeast) {
      const matching = present.filter((i) => i.strength === strength);
      reasons.push(`${count} ${strength} indicator(s) present (this checklist suggests referral from ${atLeast}): ${describe(matching)}.`);
    }
  }
  if (isChild && childReferWhenPresent.length > 0) {
    const byElement = childReferWhenPresent.map((element) => ({ element, items: present.filter((i) => i.element === element) }));
    if (byElement.every((e) => e.items.length > 0)) {
      const found = byElement.map((e) => `${e.element}: ${describe(e.items)}`).join('; ');
      reasons.push(
        `The person is recorded as a child, and indicators of the ${childReferWhenPresent.join(' and ')} are present (${found}). ` +
          'For a child this suffices without any means (UN Trafficking in Persons Protocol, art. 3(c)).',
      );
    }
  }

  let suggestion: ScreeningSuggestion;
  const explanation = [ADVICE_ONLY];
  if (reasons.length > 0) {
    suggestion = 'refer_for_identification';
    explanation.push('Suggested: refer the person for identification.', ...reasons);
  } else if (present.length > 0 || childOnlyNotCounted.length > 0) {
    suggestion = 'consider_further_enquiries';
    explanation.push(
      'Suggested: consider further enquiries to corroborate the indicators found; they do not reach this checklist’s referral threshold.',
    );
    if (present.length > 0) explanation.push(`Present: ${describe(present)}.`);
  } else {
    suggestion = 'no_indicators_found';
    explanation.push(
      'No indicator was answered present. This does not show that the person was not trafficked: people often cannot ' +
        'disclose at a first contact. Screen again if new information appears.',
    );
  }
  if (unknownCount > 0) {
    explanation.push(`${unknownCount} item(s) answered unknown or not answered; unknown answers never count as present.`);
  }
  if (childOnlyNotCounted.length > 0) {
    explanation.push(
      `Answered present but not counted, because the person is not recorded as a child: ${describe(childOnlyNotCounted)}. ` +
        'If the person may be under 18, record them as a child and screen again: where age is uncertain and there are ' +
        'reasons to believe the person is a child, they are presumed to be one (Council of Europe Convention, art. 10(3)).',
    );
  } else if (options.isChild === undefined && checklist.items.some((i) => i.childOnly === true)) {
    explanation.push('Age not recorded: the child-specific indicators and the child rule were not applied.');
  }

  return {
    suggestion,
    strongCount,
    mediumCount,
    weakCount,
    unknownCount,
    indicatorsPresent: present.map((i) => i.code),
    explanation,
  };
}
