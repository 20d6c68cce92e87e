import type { Vocabulary } from '../vocabulary.js';

const ODS = 'IOM HTCDS v2.0, HTCDS Field Standards 2.0.ods, sheet Field_Standards (data-standard.md §1.2)';

export const htcdsGender = {
  id: 'htcds.prs_Gender',
  standard: 'HTCDS',
  version: '2.0',
  source: ODS,
  field: 'prs_Gender',
  note: 'Gender expression or identity, not sex. The labels in the ODS end with a trailing space; they are kept trimmed here.',
  codes: [
    { code: 'Feminine', label: 'Feminine' },
    { code: 'Masculine', label: 'Masculine' },
    { code: 'TransgenderFeminine', label: 'Transgender Feminine' },
    { code: 'TransgenderMasculine', label: 'Transgender Masculine' },
    { code: 'NonConforming', label: 'Non-Conforming' },
    { code: 'NonSpecifiedUnknown', label: 'Not Specified/Unknown' },
  ],
} as const satisfies Vocabulary;

export const htcdsTraffickingStatus = {
  id: 'htcds.vic_TraffickingStatus',
  standard: 'HTCDS',
  version: '2.0',
  source: ODS,
  field: 'vic_TraffickingStatus',
  codes: [
    {
      code: 'PossibleVictimOfTrafficking',
      label: 'Possible victim of trafficking',
      definition: 'Trafficking indicators are present but not verified (e.g. helpline contacts)',
    },
    { code: 'ActualVictimOfTrafficking', label: 'Actual victim of trafficking', definition: 'Determined to be a victim' },
    { code: 'NotAVictimOfTrafficking', label: 'Not a victim of trafficking', definition: 'Determined not to be a victim' },
  ],
} as const satisfies Vocabulary;

export const htcdsTraffickingStatusDecisionMakingOrg = {
  id: 'htcds.vic_TraffickingStatusDecisionMakingOrg',
  standard: 'HTCDS',
  version: '2.0',
  source: ODS,
  field: 'vic_TraffickingStatusDecisionMakingOrg',
  note: 'The Excel template spells the field vic_TraffickinStatusDecisionMakingOrg (§1.6): accept it as an import alias.',
  codes: [
    { code: 'Police', label: 'Police' },
    { code: 'NGO', label: 'NGO' },
    { code: 'CourtOrProsecution', label: 'Court or prosecution' },
    { code: 'NonPoliceGovernmentalOrganization', label: 'Non-police governmental organization' },
    { code: 'Other', label: 'Other' },
  ],
} as const satisfies Vocabulary;

export const htcdsRelationshipToTrafficker = {
  id: 'htcds.vic_RelationshipToTrafficker',
  standard: 'HTCDS',
  version: '2.0',
  source: ODS,
  field: 'vic_RelationshipToTrafficker',
  note: 'Relation of the victim to the trafficker (CTDC records the relation to the recruiter). "Unaquainted" is the standard\'s own spelling.',
  codes: [
    { code: 'Familial', label: 'Familial' },
    { code: 'Acquainted', label: 'Acquainted' },
    { code: 'Unaquainted', label: 'Unaquainted' },
  ],
} as const satisfies Vocabulary;

export const htcdsMethodOfRecruitment = {
  id: 'htcds.vic_MethodOfRecruitment',
  standard: 'HTCDS',
  version: '2.0',
  source: ODS,
  field: 'vic_MethodOfRecruitment',
  multiple: true,
  note: 'The reference prints two labels ("At a place of business", "Through a television advert"); the others follow their pattern.',
  codes: [
    { code: 'AtAPlaceOfBusiness', label: 'At a place of business' },
    { code: 'AtAnEducationalInstitution', label: 'At an educational institution' },
    { code: 'AtWork', label: 'At work' },
    { code: 'ThroughOnlineSocialNetworks', label: 'Through online social networks' },
    { code: 'ThroughAnOnlineAdvertisement', label: 'Through an online advertisement' },
    { code: 'ThroughATelevisionAdvert', label: 'Through a television advert' },
    { code: 'ThroughANewspaperAdvert', label: 'Through a newspaper advert' },
    { code: 'ThroughFamilyOrFamilyEvents', label: 'Through family or family events' },
    { code: 'ThroughFriendsOrSocialEvents', label: 'Through friends or social events' },
    { code: 'Other', label: 'Other' },
  ],
} as const satisfies Vocabulary;

export const htcdsWebsitesAndApps = {
  id: 'htcds.vic_RecruitmentWebsitesAndApps',
  standard: 'HTCDS',
  version: '2.0',
  source: ODS,
  field: 'vic_RecruitmentWebsitesAndApps',
  multiple: true,
  note: 'The same 15 values serve vic_ExploitationWebsitesAndApps. The standard says the list may be extended.',
  codes: [
    { code: 'Facebook', label: 'Facebook' },
    { code: 'Instagram', label: 'Instagram' },
    { code: 'WhatsApp', label: 'WhatsApp' },
    { code: 'Telegram', label: 'Telegram' },
    { code: 'FacebookMessenger', label: 'Facebook Messenger' },
    { code: 'Viber', label: 'Viber' },
    { code: 'SnapChat', label: 'SnapChat' },
    { code: 'Line', label: 'Line' },
    { code: '4Sale', label: '4Sale' },
    { code: 'WeChat', label: 'WeChat' },
    { code: 'QQ', label: 'QQ' },
    { code: 'QZone', label: 'QZone' },
    { code: 'TikTok', label: 'TikTok' },
    { code: 'Twitter', label: 'Twitter' },
    { code: 'Other', label: 'Other' },
  ],
} as const satisfies Vocabulary;
