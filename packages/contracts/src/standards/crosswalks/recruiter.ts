import { ctdc2017Columns, ctdc2017RecruiterRelationship } from '../ctdc/k-anonymised.js';
import { ctdc2024Columns } from '../ctdc/synthetic-v2.js';
import { palermoAcquaintanceDetail } from '../extensions.js';
import { htcdsRelationshipToTrafficker } from '../htcds/person-victim.js';
import type { CodeOf } from '../vocabulary.js';
import { defineCrosswalk, translate } from './crosswalk.js';

/** data-standard.md §4.7: HTCDS relation to the trafficker; CTDC relation to the recruiter. */
const REF = 'data-standard.md §4.7';

const ACQUAINTED_CONFLICT =
  'HTCDS Acquainted is one of three CTDC relations (intimate partner, friend, other known person such as an employer or broker): one-to-many, not reversible';
const ACQUAINTED_DECISION =
  'Without more detail, Acquainted is exported as CTDC "Friend/Acquaintance" (recruiterRelationFriend), the relation CTDC itself labels ' +
  'acquaintance. Palermo records the extension palermo.acquaintanceDetail beside it; when present, the detail decides the flag.';
const UNACQUAINTED_NOTE = 'A stranger recruiter falls under CTDC "Other"';

export const relationshipToCtdc2017Flags = defineCrosswalk({
  id: 'htcds.vic_RelationshipToTrafficker->ctdc2017.columns',
  from: htcdsRelationshipToTrafficker,
  to: ctdc2017Columns,
  reference: REF,
  entries: [
    { from: 'Familial', to: ['recruiterRelationFamily'], basis: 'doc' },
    { from: 'Acquainted', to: ['recruiterRelationFriend'], basis: 'decision', conflict: ACQUAINTED_CONFLICT, decision: ACQUAINTED_DECISION },
    { from: 'Unaquainted', to: ['recruiterRelationOther'], basis: 'derived', note: UNACQUAINTED_NOTE },
  ],
});

export const relationshipToCtdc2024Flags = defineCrosswalk({
  id: 'htcds.vic_RelationshipToTrafficker->ctdc2024.columns',
  from: htcdsRelationshipToTrafficker,
  to: ctdc2024Columns,
  reference: REF,
  entries: [
    { from: 'Familial', to: ['recruiterRelationFamily'], basis: 'doc' },
    { from: 'Acquainted', to: ['recruiterRelationFriend'], basis: 'decision', conflict: ACQUAINTED_CONFLICT, decision: ACQUAINTED_DECISION },
    { from: 'Unaquainted', to: ['recruiterRelationOther'], basis: 'derived', note: UNACQUAINTED_NOTE },
  ],
});

export const relationshipToCtdc2017Text = defineCrosswalk({
  id: 'htcds.vic_RelationshipToTrafficker->ctdc2017.RecruiterRelationship',
  from: htcdsRelationshipToTrafficker,
  to: ctdc2017RecruiterRelationship,
  reference: REF,
  entries: [
    { from: 'Familial', to: ['Family/Relative'], basis: 'doc' },
    { from: 'Acquainted', to: ['Friend/Acquaintance'], basis: 'decision', conflict: ACQUAINTED_CONFLICT, decision: ACQUAINTED_DECISION },
    { from: 'Unaquainted', to: ['Other'], basis: 'derived', note: UNACQUAINTED_NOTE },
  ],
});

const DETAIL_DECISION = 'Palermo extension that resolves HTCDS Acquainted into the CTDC relation it stands for.';

export const acquaintanceDetailToCtdc2017 = defineCrosswalk({
  id: 'palermo.acquaintanceDetail->ctdc2017.columns',
  from: palermoAcquaintanceDetail,
  to: ctdc2017Columns,
  reference: REF,
  entries: [
    { from: 'IntimatePartner', to: ['recruiterRelationIntimatePartner'], basis: 'decision', decision: DETAIL_DECISION },
    { from: 'FriendOrAcquaintance', to: ['recruiterRelationFriend'], basis: 'decision', decision: DETAIL_DECISION },
    { from: 'OtherKnownPerson', to: ['recruiterRelationOther'], basis: 'decision', decision: DETAIL_DECISION },
  ],
});

export const acquaintanceDetailToCtdc2024 = defineCrosswalk({
  id: 'palermo.acquaintanceDetail->ctdc2024.columns',
  from: palermoAcquaintanceDetail,
  to: ctdc2024Columns,
  reference: REF,
  entries: [
    { from: 'IntimatePartner', to: ['recruiterRelationIntimatePartner'], basis: 'decision', decision: DETAIL_DECISION },
    { from: 'FriendOrAcquaintance', to: ['recruiterRelationFriend'], basis: 'decision', decision: DETAIL_DECISION },
    { from: 'OtherKnownPerson', to: ['recruiterRelationOther'], basis: 'decision', decision: DETAIL_DECISION },
  ],
});

type Relationship = CodeOf<typeof htcdsRelationshipToTrafficker>;
type Detail = CodeOf<typeof palermoAcquaintanceDetail>;

/** CTDC 2017 recruiter flag set to 1: the detail decides for Acquainted; recruiterRelationUnknown when nothing is recorded. */
export function ctdc2017RecruiterFlag(relationship: Relationship | null, detail?: Detail | null): CodeOf<typeof ctdc2017Columns> {
  if (!relationship) return 'recruiterRelationUnknown';
  if (relationship === 'Acquainted' && detail) return translate(acquaintanceDetailToCtdc2017, detail)[0] ?? 'recruiterRelationFriend';
  return translate(relationshipToCtdc2017Flags, relationship)[0] ?? 'recruiterRelationUnknown';
}

/** CTDC 2024 recruiter flag set to 1, or null when nothing is recorded (all flags NULL). */
export function ctdc2024RecruiterFlag(relationship: Relationship | null, detail?: Detail | null): CodeOf<typeof ctdc2024Columns> | null {
  if (!relationship) return null;
  if (relationship === 'Acquainted' && detail) return translate(acquaintanceDetailToCtdc2024, detail)[0] ?? null;
  return translate(relationshipToCtdc2024Flags, relationship)[0] ?? null;
}
