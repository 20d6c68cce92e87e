import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  allAlpha3,
  alpha2OfAlpha3,
  codesOf,
  htcdsMethodOfRecruitment,
  htcdsRelationshipToTrafficker,
  htcdsTraffickingEventType,
  htcdsTypeOfExploitation,
  htcdsTypeOfSexExploitation,
  htcdsWebsitesAndApps,
  palermoAcquaintanceDetail,
  palermoCriminalExploitation,
  palermoExploiterRole,
  palermoFinancialExploitation,
  palermoForcedLabourIndustry,
  palermoHowExploitationEnded,
  palermoMethodsOfControl,
  type Vocabulary,
} from '@palermo/contracts';
import { useFormats } from '../cases/format';

/** The code lists of the account's fields (labels come from the locales, never the codes). */
export const accountVocabularies = {
  forms: htcdsTypeOfExploitation,
  labourIndustries: palermoForcedLabourIndustry,
  sexualExploitationTypes: htcdsTypeOfSexExploitation,
  criminalExploitationTypes: palermoCriminalExploitation,
  financialExploitationTypes: palermoFinancialExploitation,
  stage: htcdsTraffickingEventType,
  recruitmentMethods: htcdsMethodOfRecruitment,
  recruitmentChannels: htcdsWebsitesAndApps,
  recruiterRelationship: htcdsRelationshipToTrafficker,
  recruiterAcquaintance: palermoAcquaintanceDetail,
  methodsOfControl: palermoMethodsOfControl,
  howEnded: palermoHowExploitationEnded,
  roles: palermoExploiterRole,
  relationship: htcdsRelationshipToTrafficker,
  acquaintance: palermoAcquaintanceDetail,
} as const satisfies Record<string, Vocabulary>;
export type CodedField = keyof typeof accountVocabularies;

/** Which locale list a field's codes are labelled from. */
const labelList: Record<CodedField, string> = {
  forms: 'exploitation',
  labourIndustries: 'account.codes.labourIndustries',
  sexualExploitationTypes: 'account.codes.sexualExploitationTypes',
  criminalExploitationTypes: 'account.codes.criminalExploitationTypes',
  financialExploitationTypes: 'account.codes.financialExploitationTypes',
  stage: 'account.codes.stage',
  recruitmentMethods: 'account.codes.recruitmentMethods',
  recruitmentChannels: 'account.codes.recruitmentChannels',
  recruiterRelationship: 'account.codes.recruiterRelationship',
  recruiterAcquaintance: 'account.codes.recruiterAcquaintance',
  methodsOfControl: 'account.codes.methodsOfControl',
  howEnded: 'account.codes.howEnded',
  roles: 'account.codes.roles',
  relationship: 'account.codes.recruiterRelationship',
  acquaintance: 'account.codes.recruiterAcquaintance',
};

/** Labels of the account's codes and countries in the reader's language. */
export function useAccountLabels() {
  const { t, i18n } = useTranslation();
  const formats = useFormats();
  return useMemo(() => {
    const tt = t as unknown as (key: string, options?: Record<string, unknown>) => string;
    const code = (field: CodedField, value: string): string => {
      // Websites and apps are names: the same in every language, except "Other".
      if (field === 'recruitmentChannels' && value !== 'Other') return htcdsWebsitesAndApps.codes.find((c) => c.code === value)?.label ?? value;
      return tt(`${labelList[field]}.${value}`, { defaultValue: tt('account.codes.roles.Other') });
    };
    const options = (field: CodedField) => codesOf(accountVocabularies[field]).map((value) => ({ value: String(value), label: code(field, String(value)) }));
    const countries = allAlpha3()
      .map((a3) => alpha2OfAlpha3(a3) ?? '')
      .filter((a2) => a2 !== '')
      .map((a2) => ({ value: a2, label: formats.country(a2) }))
      .sort((a, b) => a.label.localeCompare(b.label, i18n.language));
    return { code, options, countries, country: formats.country, date: formats.date, dateTime: formats.dateTime, list: formats.list };
  }, [t, i18n.language, formats]);
}
export type AccountLabels = ReturnType<typeof useAccountLabels>;
