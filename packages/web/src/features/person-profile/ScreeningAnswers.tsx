import { useTranslation } from 'react-i18next';
import type { CaseScreeningsView } from '@palermo/contracts';
import { ApiError } from '../../app/api';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading } from '../../components/Status';
import { useFormats } from '../cases/format';
import { useIndicatorText } from '../screening/indicatorText';
import { getScreenings } from './api';

/**
 * The case's screenings read back: each indicator with its answer in the reader's language, the suggestion, the
 * screener's notes, and the methods of control the present indicators point to (HTCDS vic_MethodsOfControl), which
 * the caseworker confirms in the person's account; never recorded by themselves.
 */
export function ScreeningAnswers({ caseId, headingLevel = 2 }: { caseId: string; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const [resource] = useResource(() => getScreenings(caseId), `screenings:${caseId}`);
  // The field policy shows this reader nothing of it: no section at all.
  if (resource.status === 'failed' && resource.error instanceof ApiError && resource.error.status === 404) return null;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section id="screening-answers" aria-labelledby="screening-answers-title">
      <Heading id="screening-answers-title">{t('personProfile.screeningsTitle')}</Heading>
      {resource.status === 'loading' ? <Loading /> : null}
      {resource.status === 'failed' ? <ErrorAlert error={resource.error} /> : null}
      {resource.status === 'ready' ? <ScreeningList view={resource.data} /> : null}
    </section>
  );
}

function ScreeningList({ view }: { view: CaseScreeningsView }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const text = useIndicatorText();
  const screenings = view.screenings ?? [];
  if (screenings.length === 0) return <p className="muted">{t('personProfile.noScreenings')}</p>;
  const suggested = view.suggestedMethodsOfControl ?? [];
  return (
    <>
      {screenings.map((screening) => (
        <article key={screening.id} className="screening-read-back">
          <h4>
            {text(screening.checklistCode, 'title', screening.checklistTitle)} —{' '}
            {t('personProfile.screenedBy', { name: screening.screenedByName, organisation: screening.organisationName, date: formats.dateTime(screening.screenedAt) })}
          </h4>
          <p>
            <strong>{t('screening.suggestionLabel')}:</strong> {t(`screeningSuggestions.${screening.suggestion}`)}
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('personProfile.indicator')}</th>
                <th scope="col">{t('personProfile.answer')}</th>
              </tr>
            </thead>
            <tbody>
              {screening.answers.map((answer) => (
                <tr key={answer.item} className={answer.answer === 'present' ? 'indicator-present' : undefined}>
                  <td>
                    <bdi>{text(screening.checklistCode, `items.${answer.item}.label`, answer.label)}</bdi>
                  </td>
                  <td>{t(`indicatorAnswers.${answer.answer}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {screening.notes ? (
            <p>
              <strong>{t('personProfile.screeningNotes')}:</strong> <bdi>{screening.notes}</bdi>
            </p>
          ) : null}
        </article>
      ))}
      <h4>{t('personProfile.suggestedControlTitle')}</h4>
      <p className="hint">{t('personProfile.suggestedControlHint')}</p>
      {suggested.length === 0 ? (
        <p className="muted">{t('personProfile.noSuggestedControl')}</p>
      ) : (
        <ul>
          {suggested.map((entry) => (
            <li key={entry.method}>{t(`personProfile.methodsOfControl.${entry.method}`, { defaultValue: t('personProfile.methodsOfControl.Other') })}</li>
          ))}
        </ul>
      )}
    </>
  );
}
