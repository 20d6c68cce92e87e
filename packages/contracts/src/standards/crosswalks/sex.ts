import { ctdc2017Gender } from '../ctdc/k-anonymised.js';
import { ctdc2024Gender } from '../ctdc/synthetic-v2.js';
import { glotipSex } from '../glotip/glotip.js';
import { htcdsGender } from '../htcds/person-victim.js';
import type { CodeOf } from '../vocabulary.js';
import { defineCrosswalk, translate } from './crosswalk.js';

/** data-standard.md §4.1. HTCDS records gender (expression or identity); GLOTIP reports sex. */
const REF = 'data-standard.md §4.1';

export const htcdsGenderToCtdc2017 = defineCrosswalk({
  id: 'htcds.prs_Gender->ctdc2017.gender',
  from: htcdsGender,
  to: ctdc2017Gender,
  reference: REF,
  entries: [
    { from: 'Feminine', to: ['Female'], basis: 'doc' },
    { from: 'Masculine', to: ['Male'], basis: 'doc' },
    { from: 'TransgenderFeminine', to: ['Transgender/NonConforming'], basis: 'doc' },
    { from: 'TransgenderMasculine', to: ['Transgender/NonConforming'], basis: 'doc' },
    { from: 'NonConforming', to: ['Transgender/NonConforming'], basis: 'doc' },
    { from: 'NonSpecifiedUnknown', to: ['Unknown'], basis: 'doc', note: 'Older files write -99 for the same' },
  ],
});

export const htcdsGenderToCtdc2024 = defineCrosswalk({
  id: 'htcds.prs_Gender->ctdc2024.gender',
  from: htcdsGender,
  to: ctdc2024Gender,
  reference: REF,
  entries: [
    { from: 'Feminine', to: ['Woman'], basis: 'doc' },
    { from: 'Masculine', to: ['Man'], basis: 'doc' },
    { from: 'TransgenderFeminine', to: ['Trans/Transgender/NonConforming'], basis: 'doc' },
    { from: 'TransgenderMasculine', to: ['Trans/Transgender/NonConforming'], basis: 'doc' },
    { from: 'NonConforming', to: ['Trans/Transgender/NonConforming'], basis: 'doc' },
    { from: 'NonSpecifiedUnknown', to: [], basis: 'doc', note: 'Written as NULL' },
  ],
});

const OTHER_DECISION =
  'Reported as GLOTIP `Other`: it is the only GLOTIP category that is neither Female nor Male, and no definition of it was found. ' +
  'Palermo never infers a sex from a gender identity; a country that needs strict sex reporting adds a recorded sex, which then takes precedence.';

export const htcdsGenderToGlotipSex = defineCrosswalk({
  id: 'htcds.prs_Gender->glotip.Sex',
  from: htcdsGender,
  to: glotipSex,
  reference: REF,
  entries: [
    { from: 'Feminine', to: ['Female'], basis: 'doc' },
    { from: 'Masculine', to: ['Male'], basis: 'doc' },
    {
      from: 'TransgenderFeminine',
      to: ['Other'],
      basis: 'decision',
      conflict: 'HTCDS records gender identity, GLOTIP reports sex and does not define `Other`',
      decision: OTHER_DECISION,
    },
    {
      from: 'TransgenderMasculine',
      to: ['Other'],
      basis: 'decision',
      conflict: 'HTCDS records gender identity, GLOTIP reports sex and does not define `Other`',
      decision: OTHER_DECISION,
    },
    {
      from: 'NonConforming',
      to: ['Other'],
      basis: 'decision',
      conflict: 'HTCDS records gender identity, GLOTIP reports sex and does not define `Other`',
      decision: OTHER_DECISION,
    },
    { from: 'NonSpecifiedUnknown', to: ['Unknown'], basis: 'doc' },
  ],
});

type HtcdsGender = CodeOf<typeof htcdsGender>;
type GlotipSex = CodeOf<typeof glotipSex>;

/** GLOTIP `Sex` of a person: a recorded sex when the country keeps one, else the crosswalk of prs_Gender. */
export function glotipSexOf(gender: HtcdsGender | null, recordedSex?: 'Female' | 'Male' | null): GlotipSex {
  if (recordedSex) return recordedSex;
  if (!gender) return 'Unknown';
  return translate(htcdsGenderToGlotipSex, gender)[0] ?? 'Unknown';
}

/** CTDC `gender` of a person in the 2017 layout (`Unknown` when absent) or the 2024 layout (null when absent). */
export function ctdcGenderOf(gender: HtcdsGender | null, edition: '2017' | '2024'): string | null {
  if (edition === '2017') return gender ? (translate(htcdsGenderToCtdc2017, gender)[0] ?? 'Unknown') : 'Unknown';
  return gender ? (translate(htcdsGenderToCtdc2024, gender)[0] ?? null) : null;
}
