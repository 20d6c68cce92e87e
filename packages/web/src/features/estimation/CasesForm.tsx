import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { estimationListName, type EstimationOptions, type EstimationResultView, type GroupingSuggestion, type PlainReason } from '@palermo/contracts';
import { ApiError, type FieldIssue } from '../../app/api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/fields';
import { useForm } from '../../components/useForm';
import { estimateFromCases, type EstimateSource } from './api';
import { previewOverlap, reasonText, suggestedNames } from './grouping-api';
import { OverlapPreview, type PreviewState } from './OverlapPreview';
import { ModelSelect, type ModelChoice } from './ModelSelect';

interface DraftList {
  readonly key: number;
  readonly name: string;
}

interface Props {
  options: EstimationOptions;
  onResult: (result: EstimationResultView, source: EstimateSource) => void;
}

const listField = (index: number, part: 'name' | 'orgs') => `list${index + 1}${part}`;

/**
 * The rapporteur picks a year and makes lists of organisations: each organisation goes on one list at most (a select
 * per organisation), so lists never share an organisation. The server builds the overlap table from the case records.
 */
export function CasesForm({ options, onResult }: Props) {
  const { t } = useTranslation();
  const [year, setYear] = useState(options.years[0] !== undefined ? String(options.years[0]) : '');
  const [lists, setLists] = useState<DraftList[]>([
    { key: 1, name: '' },
    { key: 2, name: '' },
    { key: 3, name: '' },
  ]);
  const [nextKey, setNextKey] = useState(4);
  const [assignment, setAssignment] = useState<Record<string, number | undefined>>({});
  const [model, setModel] = useState<ModelChoice>('stepwise');
  const [preview, setPreview] = useState<PreviewState>({ status: 'idle' });
  const [applied, setApplied] = useState(false);
  /** Why the last estimate was refused, said at render so that it follows the language. */
  const [refusal, setRefusal] = useState<{ reason: PlainReason; names: string[] } | null>(null);

  const fields: Record<string, { id: string; label: string }> = { year: { id: 'est-year', label: t('estimation.year') } };
  lists.forEach((list, index) => {
    fields[listField(index, 'name')] = { id: `est-list-${list.key}`, label: t('estimation.listName', { n: index + 1 }) };
    fields[listField(index, 'orgs')] = { id: `est-list-${list.key}`, label: t('estimation.listOrganisations', { n: index + 1 }) };
  });
  const form = useForm(fields);

  const listLabel = (list: DraftList, index: number) => list.name.trim() || t('estimation.listN', { n: index + 1 });
  const organisationName = (id: string) => options.organisations.find((o) => o.id === id)?.name;
  const organisationsOn = (key: number) =>
    Object.entries(assignment)
      .filter(([, value]) => value === key)
      .map(([id]) => id);

  // The overlap of the lists as they are made (lists with at least one organisation), asked for once the choice
  // has settled for a moment; an answer to an earlier choice is dropped.
  const grouping = lists.map((list, index) => ({ label: listLabel(list, index), organisationIds: organisationsOn(list.key) })).filter((list) => list.organisationIds.length > 0);
  const groupingKey = JSON.stringify([year, model, grouping]);
  useEffect(() => {
    const chosen = JSON.parse(groupingKey) as [string, ModelChoice, { label: string; organisationIds: string[] }[]];
    const [y, m, l] = chosen;
    if (!y || l.length === 0) {
      setPreview({ status: 'idle' });
      return;
    }
    let current = true;
    setPreview({ status: 'loading' });
    const timer = setTimeout(() => {
      previewOverlap({ year: Number(y), model: m, lists: l.map((list) => ({ organisationIds: list.organisationIds })) }).then(
        (view) => current && setPreview({ status: 'ready', view, names: l.map((list) => list.label) }),
        (error: unknown) => current && setPreview({ status: 'failed', error }),
      );
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [groupingKey]);

  /** Puts a suggested grouping in the form: its lists, named in the user's language, and their organisations. */
  function applySuggestion(suggestion: GroupingSuggestion) {
    const names = suggestedNames(t, suggestion, organisationName);
    const fresh = suggestion.lists.map((_, index) => ({ key: nextKey + index, name: names[index] ?? '' }));
    const placed: Record<string, number | undefined> = {};
    suggestion.lists.forEach((list, index) => list.organisationIds.forEach((id) => (placed[id] = nextKey + index)));
    setLists(fresh);
    setAssignment(placed);
    setNextKey(nextKey + fresh.length);
    setApplied(true);
    setRefusal(null);
    form.reset();
  }

  function removeList(key: number) {
    setLists((current) => current.filter((list) => list.key !== key));
    setAssignment((current) => Object.fromEntries(Object.entries(current).filter(([, value]) => value !== key)));
  }

  function addList() {
    setLists((current) => [...current, { key: nextKey, name: '' }]);
    setNextKey((n) => n + 1);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setApplied(false);
    setRefusal(null);
    const issues: FieldIssue[] = [];
    if (!year) issues.push({ field: 'year', problem: 'is required' });
    const request = lists.map((list, index) => {
      const name = estimationListName.safeParse(list.name);
      if (!name.success) issues.push({ field: listField(index, 'name'), problem: name.error.issues[0]?.message ?? 'is not valid' });
      else if (lists.slice(0, index).some((other) => other.name.trim().toLowerCase() === name.data.toLowerCase())) {
        issues.push({ field: listField(index, 'name'), problem: t('estimation.nameTaken') });
      }
      const organisationIds = Object.entries(assignment)
        .filter(([, key]) => key === list.key)
        .map(([id]) => id);
      if (organisationIds.length === 0) issues.push({ field: listField(index, 'orgs'), problem: t('estimation.chooseOrganisation') });
      return { name: list.name.trim(), organisationIds };
    });
    if (issues.length > 0) {
      form.fail(issues);
      return;
    }
    await form.run(async () => {
      try {
        onResult(await estimateFromCases({ year: Number(year), lists: request, model }), { source: 'cases', year: Number(year), lists: request });
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 422) throw error;
        // Why, in plain words and in the user's language, with a grouping that can be estimated beside the table.
        const view = await previewOverlap({ year: Number(year), model, lists: request.map((list) => ({ organisationIds: list.organisationIds })) });
        const names = request.map((list) => list.name);
        setPreview({ status: 'ready', view, names });
        if (!view.reason) throw new ApiError(422, error.code, t('estimation.notEstimable', { reason: error.message }));
        setRefusal({ reason: view.reason, names });
      }
    });
  }

  return (
    <section aria-labelledby="est-cases-title">
      <h2 id="est-cases-title">{t('estimation.fromCasesTitle')}</h2>
      <p>{t('estimation.fromCasesIntro')}</p>
      <ErrorSummary form={form} />
      {refusal ? (
        <div role="alert" className="alert" data-testid="estimate-refused">
          {t('estimation.notEstimable', { reason: reasonText(t, refusal.reason, refusal.names) })}
        </div>
      ) : null}
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <SelectField id="est-year" label={t('estimation.year')} hint={t('estimation.yearHint')} value={year} onValueChange={setYear} error={form.errorFor('year')}>
          {options.years.length === 0 ? <option value="">{t('estimation.noYears')}</option> : null}
          {options.years.map((y) => (
            <option key={y} value={String(y)}>
              {y}
            </option>
          ))}
        </SelectField>

        <fieldset className="field">
          <legend>{t('estimation.listsLegend')}</legend>
          <p className="hint">{t('estimation.listsHint')}</p>
          {lists.map((list, index) => (
            <div key={list.key} className="row-actions">
              <TextField
                id={`est-list-${list.key}`}
                label={t('estimation.listName', { n: index + 1 })}
                value={list.name}
                maxLength={24}
                onValueChange={(name) => setLists((current) => current.map((l) => (l.key === list.key ? { ...l, name } : l)))}
                error={form.errorFor(listField(index, 'name')) ?? form.errorFor(listField(index, 'orgs'))}
              />
              {lists.length > 2 ? (
                <button type="button" onClick={() => removeList(list.key)}>
                  {t('estimation.removeList', { n: index + 1 })}
                </button>
              ) : null}
            </div>
          ))}
          {lists.length < options.maxLists ? (
            <button type="button" onClick={addList}>
              {t('estimation.addList')}
            </button>
          ) : null}
        </fieldset>

        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="est-orgs-caption">
          <table className="table-dense">
            <caption id="est-orgs-caption">{t('estimation.organisationsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('estimation.colOrganisation')}</th>
                <th scope="col">{t('estimation.colType')}</th>
                <th scope="col">{t('estimation.colList')}</th>
              </tr>
            </thead>
            <tbody>
              {options.organisations.map((organisation) => (
                <tr key={organisation.id}>
                  <th scope="row">
                    <bdi>{organisation.name}</bdi>
                  </th>
                  <td>{t(`organisationTypes.${organisation.type}`)}</td>
                  <td>
                    <label className="visually-hidden" htmlFor={`est-org-${organisation.id}`}>
                      {t('estimation.listFor', { organisation: organisation.name })}
                    </label>
                    <select
                      id={`est-org-${organisation.id}`}
                      value={assignment[organisation.id] === undefined ? '' : String(assignment[organisation.id])}
                      onChange={(event) => {
                        const value = event.target.value;
                        setAssignment((current) => ({ ...current, [organisation.id]: value === '' ? undefined : Number(value) }));
                      }}
                    >
                      <option value="">{t('estimation.noList')}</option>
                      {lists.map((list, index) => (
                        <option key={list.key} value={String(list.key)}>
                          {listLabel(list, index)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>

        <OverlapPreview state={preview} organisationName={organisationName} suggestedNames={(suggestion) => suggestedNames(t, suggestion, organisationName)} onApply={applySuggestion} />
        <p role="status" className={applied ? 'status status-visible' : 'status'}>
          {applied ? t('estimation.grouping.applied') : ''}
        </p>

        <ModelSelect id="est-cases-model" value={model} onChange={setModel} />
        <button type="submit" className="button-primary" disabled={form.submitting}>
          {t('estimation.estimateFromCases')}
        </button>
      </form>
    </section>
  );
}
