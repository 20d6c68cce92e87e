import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView, OrganisationView } from '@palermo/contracts';
import { StatusMessage } from '../../components/Status';
import { markMeasureDone } from './api';
import { CaseErrorAlert } from './controls';
import { useFormats } from './format';
import { timelineSentence } from './timelineActions';
import { measureText, sopTitleText } from './sopWords';

/** The consent in force for each purpose (and each organisation, for referral). */
export function ConsentsTable({ caseView, organisations }: { caseView: CaseView; organisations: readonly OrganisationView[] }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const nameOf = (id: string) => organisations.find((organisation) => organisation.id === id)?.name ?? id;
  return (
    <section aria-labelledby="case-consents-title" id="case-consents">
      <h2 id="case-consents-title">{t('case.consentsTitle')}</h2>
      {(caseView.consents ?? []).length === 0 ? (
        <p>{t('case.noConsents')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="case-consents-caption">
          <table>
            <caption id="case-consents-caption">{t('case.consentsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('consent.purpose')}</th>
                <th scope="col">{t('consent.organisation')}</th>
                <th scope="col">{t('consent.status')}</th>
                <th scope="col">{t('consent.recorded')}</th>
              </tr>
            </thead>
            <tbody>
              {(caseView.consents ?? []).map((consent, index) => (
                <tr key={`${consent.purpose}-${consent.targetOrganisationId ?? ''}-${index}`}>
                  <th scope="row">{t(`consentPurposes.${consent.purpose}`)}</th>
                  <td>{consent.targetOrganisationId !== null ? <bdi>{nameOf(consent.targetOrganisationId)}</bdi> : t('app.none')}</td>
                  <td>{t(`consentStatuses.${consent.status}`)}</td>
                  <td>{formats.dateTime(consent.recordedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

interface MeasuresProps {
  caseView: CaseView;
  /** Absent: the reader cannot mark measures done. */
  onChanged?: (() => void) | undefined;
}

/** The country's SOP measures that apply at the case's current stage. */
export function MeasuresList({ caseView, onChanged }: MeasuresProps) {
  const { t, i18n } = useTranslation();
  const exists = (key: string) => i18n.exists(key);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const measures = caseView.measures ?? [];
  if (measures.length === 0) return null;

  async function markDone(measureId: string, title: string) {
    if (busy !== null) return;
    setBusy(measureId);
    setStatus('');
    setError(null);
    try {
      await markMeasureDone(caseView.id, measureId);
      setStatus(t('measures.marked', { title }));
      onChanged?.();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section aria-labelledby="case-measures-title" id="case-measures">
      <h2 id="case-measures-title">{t('measures.title')}</h2>
      <p className="hint">{t('measures.intro')}</p>
      <StatusMessage>{status}</StatusMessage>
      {error !== null ? <CaseErrorAlert error={error} /> : null}
      <ul className="plain-list">
        {measures.map((measure) => {
          const text = (part: 'title' | 'what' | 'how') => measureText(t, exists, measure.id, part, measure[part], measure.asShipped[part]);
          const title = text('title');
          return (
            <li key={measure.id}>
              <h3 className="measure-title">
                <bdi>{title}</bdi>
              </h3>
              <p className="measure-meta">{t('measures.sop', { number: measure.sop, title: sopTitleText(t, exists, measure.sop, measure.sopTitle, measure.asShipped.sopTitle) })}</p>
              <p>
                <strong>{t('measures.what')}</strong> <bdi>{text('what')}</bdi>
              </p>
              <p>
                <strong>{t('measures.how')}</strong> <bdi>{text('how')}</bdi>
              </p>
              {measure.done ? (
                <span className="badge badge-ok">{t('measures.done')}</span>
              ) : onChanged ? (
                <button type="button" onClick={() => void markDone(measure.id, title)} aria-disabled={busy === measure.id || undefined}>
                  {t('measures.markDone')}
                  <span className="visually-hidden">: {title}</span>
                </button>
              ) : (
                <span className="badge badge-off">{t('measures.notDone')}</span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Who did what, when, from which organisation (only what this reader's organisation may see). */
export function Timeline({ caseView }: { caseView: CaseView }) {
  const { t, i18n } = useTranslation();
  const formats = useFormats();
  return (
    <section aria-labelledby="case-timeline-title" id="case-timeline">
      <h2 id="case-timeline-title">{t('timeline.title')}</h2>
      {caseView.timeline.length === 0 ? (
        <p>{t('timeline.empty')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="case-timeline-caption">
          <table className="table-dense">
            <caption id="case-timeline-caption">{t('timeline.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('timeline.when')}</th>
                <th scope="col">{t('timeline.what')}</th>
              </tr>
            </thead>
            <tbody>
              {caseView.timeline.map((entry, index) => (
                <tr key={`${entry.occurredAt}-${index}`}>
                  <th scope="row">
                    <time dateTime={entry.occurredAt}>{formats.dateTime(entry.occurredAt)}</time>
                  </th>
                  <td>{timelineSentence(t, (key) => i18n.exists(key), entry)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
