import { useTranslation } from 'react-i18next';
import type { DisplayedCount, GroupingSuggestion, OverlapPreviewView } from '@palermo/contracts';
import { ErrorAlert } from '../../components/Status';
import { reasonText } from './grouping-api';

export type PreviewState = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; view: OverlapPreviewView; names: readonly string[] } | { status: 'failed'; error: unknown };

interface Props {
  state: PreviewState;
  /** Names of the suggested grouping's lists, in the user's language. */
  suggestedNames: (suggestion: GroupingSuggestion) => string[];
  organisationName: (id: string) => string | undefined;
  onApply: (suggestion: GroupingSuggestion) => void;
}

/**
 * The overlap of the lists as they are being made, before estimating: the people on each list and on two or more
 * (perturbed on the server as the estimate's table is), whether they can give an estimate, and if not why in plain
 * words and a grouping that can, with a button that puts it in the form.
 */
export function OverlapPreview({ state, suggestedNames, organisationName, onApply }: Props) {
  const { t, i18n } = useTranslation();
  const whole = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 });
  const count = (c: DisplayedCount) => (c.suppressed === null ? whole.format(c.value ?? 0) : t('estimation.hiddenCell'));

  return (
    <section aria-labelledby="est-preview-title" className="estimation-preview" data-testid="overlap-preview">
      <h3 id="est-preview-title">{t('estimation.grouping.title')}</h3>
      {state.status === 'idle' ? <p>{t('estimation.grouping.idle')}</p> : null}
      {state.status === 'loading' ? <p>{t('estimation.grouping.loading')}</p> : null}
      {state.status === 'failed' ? <ErrorAlert error={state.error} /> : null}
      {state.status === 'ready' ? (
        <>
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="est-preview-caption">
            <table className="table-dense">
              <caption id="est-preview-caption">{t('estimation.grouping.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('estimation.grouping.colList')}</th>
                  <th scope="col">{t('estimation.grouping.colPeople')}</th>
                  <th scope="col">{t('estimation.grouping.colAlsoOnAnother')}</th>
                </tr>
              </thead>
              <tbody>
                {state.view.lists.map((list, index) => (
                  <tr key={index}>
                    <th scope="row">
                      <bdi>{state.names[index] ?? ''}</bdi>
                    </th>
                    <td>{count(list.people)}</td>
                    <td>{count(list.alsoOnAnother)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('estimation.grouping.observed')}</th>
                  <td>{count(state.view.observed)}</td>
                  <td>{count(state.view.onTwoOrMore)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          <p className="note">{t('estimation.grouping.perturbed')}</p>
          {state.view.reason === null ? (
            <p data-testid="grouping-verdict">{t('estimation.grouping.canEstimate')}</p>
          ) : (
            <div className="alert" data-testid="grouping-verdict">
              <p>
                <strong>{t('estimation.grouping.cannotEstimate')}</strong> {reasonText(t, state.view.reason, state.names)}
              </p>
              {state.view.suggestion ? (
                <Suggestion suggestion={state.view.suggestion} names={suggestedNames(state.view.suggestion)} organisationName={organisationName} onApply={onApply} />
              ) : (
                <p>{t('estimation.grouping.noSuggestion')}</p>
              )}
            </div>
          )}
        </>
      ) : null}
    </section>
  );
}

function Suggestion({ suggestion, names, organisationName, onApply }: { suggestion: GroupingSuggestion; names: string[]; organisationName: (id: string) => string | undefined; onApply: (s: GroupingSuggestion) => void }) {
  const { t } = useTranslation();
  return (
    <div data-testid="grouping-suggestion">
      <p>{suggestion.kind === 'by-type' ? t('estimation.grouping.suggestionByType', { n: suggestion.lists.length }) : t('estimation.grouping.suggestionEach', { n: suggestion.lists.length })}</p>
      <ul>
        {suggestion.lists.map((list, index) => (
          <li key={index}>
            <bdi>{names[index]}</bdi>
            {': '}
            <bdi>{list.organisationIds.map((id) => organisationName(id) ?? '').join(', ')}</bdi>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => onApply(suggestion)}>
        {t('estimation.grouping.apply')}
      </button>
    </div>
  );
}
