import type { TFunction } from 'i18next';
import { STATISTICS_UNKNOWN, htcdsOrgTypes, type HtcdsOrgType } from '@palermo/contracts';

const sexKeys: Record<string, 'woman' | 'man' | 'trans'> = { Woman: 'woman', Man: 'man', 'Trans/Transgender/NonConforming': 'trans', Female: 'woman', Male: 'man' };

/** The label of a value of a dimension (codes the vocabulary does not know are shown as they are). */
export function valueLabel(t: TFunction, dimension: string, key: string): string {
  if (key === STATISTICS_UNKNOWN) return t('statistics.unknown');
  switch (dimension) {
    case 'stage':
      return t(`caseStages.${key}`, { defaultValue: key });
    case 'traffickingStatus':
      return t(`traffickingStatuses.${key}`, { defaultValue: key });
    case 'sex':
      {
      const sex = sexKeys[key];
      return sex ? t(`statistics.sexes.${sex}`) : key;
    }
    case 'form':
      return t(`statistics.forms.${key}`, { defaultValue: key });
    case 'referringOrganisationType':
      return (htcdsOrgTypes as readonly string[]).includes(key) ? t(`statistics.organisationTypes.${key as HtcdsOrgType}`) : key;
    case 'measure':
      return t(`statistics.measures.${key}`, { defaultValue: key });
    default:
      return key;
  }
}

/** The label of a dimension itself (table headers, filter labels). */
export function dimensionLabel(t: TFunction, dimension: string): string {
  return t(`statistics.dimensions.${dimension}`, { defaultValue: dimension });
}
