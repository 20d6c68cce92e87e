import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { caseStages, caseStatuses } from '@palermo/contracts';
import { SelectField } from '../../components/fields';
import type { CaseFilter } from './api';
import { CheckboxField } from './controls';
import { isCaseStage, isCaseStatus } from './vocabulary';

/** The worklist's filters live in the page address (?stage=&status=&overdue=true): they survive reloads and links. */
export function filterFromParams(params: URLSearchParams): CaseFilter {
  const stage = params.get('stage');
  const status = params.get('status');
  return {
    stage: isCaseStage(stage) ? stage : undefined,
    status: isCaseStatus(status) ? status : undefined,
    overdue: params.get('overdue') === 'true' ? true : undefined,
  };
}

export function paramsFromFilter(filter: CaseFilter): Record<string, string> {
  const params: Record<string, string> = {};
  if (filter.stage) params['stage'] = filter.stage;
  if (filter.status) params['status'] = filter.status;
  if (filter.overdue) params['overdue'] = 'true';
  return params;
}

export function CaseFilters({ filter, onApply }: { filter: CaseFilter; onApply: (filter: CaseFilter) => void }) {
  const { t } = useTranslation();
  const [stage, setStage] = useState<string>(filter.stage ?? '');
  const [status, setStatus] = useState<string>(filter.status ?? '');
  const [overdue, setOverdue] = useState(filter.overdue ?? false);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply({
      stage: isCaseStage(stage) ? stage : undefined,
      status: isCaseStatus(status) ? status : undefined,
      overdue: overdue || undefined,
    });
  }

  function onReset() {
    setStage('');
    setStatus('');
    setOverdue(false);
    onApply({});
  }

  return (
    <form onSubmit={onSubmit} className="filters" aria-label={t('cases.filterTitle')}>
      <SelectField id="cases-stage" label={t('cases.stage')} required={false} value={stage} onValueChange={setStage}>
        <option value="">{t('cases.anyStage')}</option>
        {caseStages.map((value) => (
          <option key={value} value={value}>
            {t(`caseStages.${value}`)}
          </option>
        ))}
      </SelectField>
      <SelectField id="cases-status" label={t('cases.status')} required={false} value={status} onValueChange={setStatus}>
        <option value="">{t('cases.anyStatus')}</option>
        {caseStatuses.map((value) => (
          <option key={value} value={value}>
            {t(`caseStatuses.${value}`)}
          </option>
        ))}
      </SelectField>
      <CheckboxField id="cases-overdue" label={t('cases.overdueOnly')} checked={overdue} onChange={setOverdue} />
      <div className="filter-buttons">
        <button type="submit" className="button-primary">
          {t('cases.filter')}
        </button>
        <button type="button" onClick={onReset}>
          {t('cases.reset')}
        </button>
      </div>
    </form>
  );
}
