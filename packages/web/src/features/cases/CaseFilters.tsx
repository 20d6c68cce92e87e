import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { caseListDeadlines, caseListSorts, caseStages, caseStatuses, formsOfExploitation, type CaseListSort, type FormOfExploitation } from '@palermo/contracts';
import { SelectField } from '../../components/fields';
import type { CaseFilter } from './api';
import { CheckboxField } from './controls';
import { isCaseStage, isCaseStatus } from './vocabulary';

const isDeadline = (value: string | null): value is 'overdue' | 'week' => (caseListDeadlines as readonly string[]).includes(value ?? '');
const isForm = (value: string | null): value is FormOfExploitation => (formsOfExploitation as readonly string[]).includes(value ?? '');
const isSort = (value: string | null): value is CaseListSort => (caseListSorts as readonly string[]).includes(value ?? '');

/**
 * The worklist's filters, sort and page live in the page address (?stage=&status=&deadline=&form=&assignedToMe=&sort=
 * &offset=): they survive reloads and links, and never hold a name (the search keeps its criteria in its form).
 */
export function filterFromParams(params: URLSearchParams): CaseFilter {
  const stage = params.get('stage');
  const status = params.get('status');
  const deadline = params.get('deadline') ?? (params.get('overdue') === 'true' ? 'overdue' : null);
  const form = params.get('form');
  const sort = params.get('sort');
  const offset = Number(params.get('offset') ?? '0');
  return {
    stage: isCaseStage(stage) ? stage : undefined,
    status: isCaseStatus(status) ? status : undefined,
    deadline: isDeadline(deadline) ? deadline : undefined,
    form: isForm(form) ? form : undefined,
    assignedToMe: params.get('assignedToMe') === 'true' ? true : undefined,
    sort: isSort(sort) ? sort : undefined,
    offset: Number.isInteger(offset) && offset > 0 ? offset : undefined,
  };
}

export function paramsFromFilter(filter: CaseFilter): Record<string, string> {
  const params: Record<string, string> = {};
  if (filter.stage) params['stage'] = filter.stage;
  if (filter.status) params['status'] = filter.status;
  if (filter.deadline) params['deadline'] = filter.deadline;
  if (filter.form) params['form'] = filter.form;
  if (filter.assignedToMe) params['assignedToMe'] = 'true';
  if (filter.sort) params['sort'] = filter.sort;
  if (filter.offset) params['offset'] = String(filter.offset);
  return params;
}

export function CaseFilters({ filter, onApply }: { filter: CaseFilter; onApply: (filter: CaseFilter) => void }) {
  const { t } = useTranslation();
  const [stage, setStage] = useState<string>(filter.stage ?? '');
  const [status, setStatus] = useState<string>(filter.status ?? '');
  const [deadline, setDeadline] = useState<string>(filter.deadline ?? '');
  const [form, setForm] = useState<string>(filter.form ?? '');
  const [sort, setSort] = useState<string>(filter.sort ?? 'opened_desc');
  const [mine, setMine] = useState(filter.assignedToMe ?? false);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // A new filter starts again from the first page.
    onApply({
      stage: isCaseStage(stage) ? stage : undefined,
      status: isCaseStatus(status) ? status : undefined,
      deadline: isDeadline(deadline) ? deadline : undefined,
      form: isForm(form) ? form : undefined,
      assignedToMe: mine || undefined,
      sort: isSort(sort) && sort !== 'opened_desc' ? sort : undefined,
    });
  }

  function onReset() {
    setStage('');
    setStatus('');
    setDeadline('');
    setForm('');
    setSort('opened_desc');
    setMine(false);
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
      <SelectField id="cases-deadline" label={t('cases.deadline')} required={false} value={deadline} onValueChange={setDeadline}>
        <option value="">{t('cases.anyDeadline')}</option>
        {caseListDeadlines.map((value) => (
          <option key={value} value={value}>
            {t(`cases.deadlines.${value}`)}
          </option>
        ))}
      </SelectField>
      <SelectField id="cases-form" label={t('cases.form')} required={false} value={form} onValueChange={setForm}>
        <option value="">{t('cases.anyForm')}</option>
        {formsOfExploitation.map((value) => (
          <option key={value} value={value}>
            {t(`exploitation.${value}`)}
          </option>
        ))}
      </SelectField>
      <SelectField id="cases-sort" label={t('cases.sort')} required={false} value={sort} onValueChange={setSort}>
        {caseListSorts.map((value) => (
          <option key={value} value={value}>
            {t(`cases.sorts.${value}`)}
          </option>
        ))}
      </SelectField>
      <CheckboxField id="cases-mine" label={t('cases.assignedToMe')} checked={mine} onChange={setMine} />
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
