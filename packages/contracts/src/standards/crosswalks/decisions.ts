import type { StandardDecision } from './crosswalk.js';

/**
 * Rules the reference leaves to the project that are not per-code mappings. Per-code decisions live on the crosswalk
 * entries (`decision`). Each id is cited by the function that applies it.
 */
export const standardDecisions: readonly StandardDecision[] = [
  {
    id: 'sex.recorded-gender',
    reference: 'data-standard.md §4.1',
    question: 'HTCDS records gender; GLOTIP reports sex. Add a sex field?',
    decision:
      'GLOTIP Sex is derived from prs_Gender through the crosswalk; a recorded sex, when a country keeps one, takes precedence ' +
      '(glotipSexOf). No sex is ever inferred from a gender identity.',
  },
  {
    id: 'age.reference-date',
    reference: 'data-standard.md §4.2',
    question: 'At which date is an age band computed?',
    decision:
      'GLOTIP: age on the date of detection (the first identification decision, else the first contact). CTDC ageBroad and majorityStatus: ' +
      'age on the registration date. majorityStatusAtExploit: vic_AgeWhenTrafficked.',
  },
  {
    id: 'exploitation.multiple-forms',
    reference: 'data-standard.md §4.3',
    question: 'A victim of both forced labour and sexual exploitation: one primary form, or counted once in each form?',
    decision:
      'GLOTIP and SDG: counted once, so forms add up to the total; a victim whose types fall under several GLOTIP forms is counted under ' +
      '"Other forms of exploitation", which GLOTIP reports describe as including mixed forms (glotipFormOfExploitation). CTDC: both flags ' +
      '(plus isSexAndLabour in the 2017 layout), as CTDC does; CTDC shares are multi-label and may exceed 100 %.',
  },
  {
    id: 'recruiter.trafficker-relation',
    reference: 'data-standard.md §4.7',
    question: 'HTCDS relates the victim to the trafficker, CTDC to the recruiter.',
    decision:
      'vic_RelationshipToTrafficker is exported as the CTDC recruiter relation, a proxy named as such in every CTDC export\'s notes; ' +
      'the acquaintance detail (palermo.acquaintanceDetail) refines Acquainted.',
  },
  {
    id: 'citizenship.multiple',
    reference: 'data-standard.md §4.8',
    question: 'Which citizenship does a single-valued export use for a person with several?',
    decision: 'The first one listed (primaryCitizenship); the person is counted once.',
  },
  {
    id: 'citizenship.nationals',
    reference: 'data-standard.md §4.8',
    question: 'How is a victim who holds the reporting country\'s citizenship reported to GLOTIP?',
    decision:
      'As `Nationals` whenever any of their citizenships is the reporting country\'s, even if it is not listed first ' +
      '(glotipCitizenshipCategory); other victims by the M49 name of their primary citizenship, `Unknown` when none is recorded.',
  },
  {
    id: 'counting.offender-side',
    reference: 'data-standard.md §4.9',
    question: 'HTCDS v2.0 has no prosecution or conviction fields; where do offender-side GLOTIP tables come from?',
    decision:
      'Not from HTCDS records: they need a platform extension for justice-process data. Until it exists, Palermo holds the published ' +
      'offender-side GLOTIP figures as reference statistics only and produces no offender-side export.',
  },
  {
    id: 'disclosure.small-cells',
    reference: 'data-standard.md §5',
    question: 'What disclosure control applies to published tables and microdata?',
    decision:
      'Public tables mask counts below 5 as `<5`, as GLOTIP does; record-level exports need k ≥ 11 or synthetic data, as CTDC did.',
  },
  {
    id: 'classification.ic-tip',
    reference: 'data-standard.md §3.3',
    question: 'Align with IC-TIP (adopted 2025)?',
    decision: 'Not encoded yet: its code lists were not retrieved. Vocabularies carry versions so an IC-TIP list can be added beside them.',
  },
];
