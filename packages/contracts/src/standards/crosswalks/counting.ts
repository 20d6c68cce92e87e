import { palermoCountingInclusion } from '../extensions.js';
import { htcdsTraffickingStatus } from '../htcds/person-victim.js';
import { defineCrosswalk } from './crosswalk.js';

/** data-standard.md §4.9: who is counted. GLOTIP/SDG count victims detected by national authorities. */
const REF = 'data-standard.md §4.9';

export const statusToGlotipCounting = defineCrosswalk({
  id: 'htcds.vic_TraffickingStatus->glotip.counted',
  from: htcdsTraffickingStatus,
  to: palermoCountingInclusion,
  reference: REF,
  entries: [
    {
      from: 'ActualVictimOfTrafficking',
      to: ['counted'],
      basis: 'decision',
      decision:
        'GLOTIP and SDG 16.2.2 count victims detected under the Palermo definition: only a determined (actual) victim is counted. An export ' +
        'may further restrict by vic_TraffickingStatusDecisionMakingOrg, and says so in its notes.',
    },
    {
      from: 'PossibleVictimOfTrafficking',
      to: ['excluded'],
      basis: 'decision',
      decision: 'Unverified indicators (e.g. helpline contacts) are not detected victims in the GLOTIP sense: excluded.',
    },
    { from: 'NotAVictimOfTrafficking', to: ['excluded'], basis: 'doc', note: 'Always excluded' },
  ],
});

export const statusToCtdcCounting = defineCrosswalk({
  id: 'htcds.vic_TraffickingStatus->ctdc.counted',
  from: htcdsTraffickingStatus,
  to: palermoCountingInclusion,
  reference: REF,
  entries: [
    { from: 'ActualVictimOfTrafficking', to: ['counted'], basis: 'doc' },
    {
      from: 'PossibleVictimOfTrafficking',
      to: ['counted_as_reported'],
      basis: 'decision',
      decision:
        'CTDC covers identified and reported victims: possible victims are exported, tagged by channel (Datasource Hotline for remote reports, ' +
        'Case management otherwise), so users can leave them out.',
    },
    { from: 'NotAVictimOfTrafficking', to: ['excluded'], basis: 'doc', note: 'Always excluded' },
  ],
});
