import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { organisationTypes, protectionServices, sopNumbers, type OrganisationType, type ProtectionService } from '@palermo/contracts';
import { SelectField } from '../../components/fields';
import { CheckboxField } from '../cases/controls';
import type { DirectoryFilter } from './api';

const isService = (value: string | null): value is ProtectionService => (protectionServices as readonly string[]).includes(value ?? '');
const isType = (value: string | null): value is OrganisationType => (organisationTypes as readonly string[]).includes(value ?? '');
const sopOf = (value: string | null): number | undefined => (sopNumbers as readonly number[]).find((n) => String(n) === value);

/** The directory's filters live in the page address, like the worklist's. */
export function directoryFilterFromParams(params: URLSearchParams): DirectoryFilter {
  const service = params.get('service');
  const type = params.get('type');
  return {
    service: isService(service) ? service : undefined,
    sop: sopOf(params.get('sop')),
    organisationType: isType(type) ? type : undefined,
    staleOnly: params.get('stale') === 'true' ? true : undefined,
  };
}

export function paramsFromDirectoryFilter(filter: DirectoryFilter): Record<string, string> {
  const params: Record<string, string> = {};
  if (filter.service) params['service'] = filter.service;
  if (filter.sop !== undefined) params['sop'] = String(filter.sop);
  if (filter.organisationType) params['type'] = filter.organisationType;
  if (filter.staleOnly) params['stale'] = 'true';
  return params;
}

export function DirectoryFilters({ filter, onApply }: { filter: DirectoryFilter; onApply: (filter: DirectoryFilter) => void }) {
  const { t } = useTranslation();
  const [service, setService] = useState<string>(filter.service ?? '');
  const [sop, setSop] = useState(filter.sop === undefined ? '' : String(filter.sop));
  const [type, setType] = useState<string>(filter.organisationType ?? '');
  const [stale, setStale] = useState(filter.staleOnly ?? false);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply({ service: isService(service) ? service : undefined, sop: sopOf(sop), organisationType: isType(type) ? type : undefined, staleOnly: stale || undefined });
  }

  function onReset() {
    setService('');
    setSop('');
    setType('');
    setStale(false);
    onApply({});
  }

  return (
    <form onSubmit={onSubmit} className="filters" aria-label={t('directory.filterTitle')}>
      <SelectField id="directory-service" label={t('directory.service')} required={false} value={service} onValueChange={setService}>
        <option value="">{t('directory.anyService')}</option>
        {protectionServices.map((value) => (
          <option key={value} value={value}>
            {t(`services.${value}`)}
          </option>
        ))}
      </SelectField>
      <SelectField id="directory-sop" label={t('directory.sop')} required={false} value={sop} onValueChange={setSop}>
        <option value="">{t('directory.anySop')}</option>
        {sopNumbers.map((value) => (
          <option key={value} value={String(value)}>
            {t('directory.sopOption', { number: value, title: t(`sops.${value}`) })}
          </option>
        ))}
      </SelectField>
      <SelectField id="directory-type" label={t('directory.organisationType')} required={false} value={type} onValueChange={setType}>
        <option value="">{t('directory.anyType')}</option>
        {organisationTypes.map((value) => (
          <option key={value} value={value}>
            {t(`organisationTypes.${value}`)}
          </option>
        ))}
      </SelectField>
      <CheckboxField id="directory-stale" label={t('directory.staleOnly')} checked={stale} onChange={setStale} />
      <div className="filter-buttons">
        <button type="submit" className="button-primary">
          {t('directory.filter')}
        </button>
        <button type="button" onClick={onReset}>
          {t('directory.reset')}
        </button>
      </div>
    </form>
  );
}
