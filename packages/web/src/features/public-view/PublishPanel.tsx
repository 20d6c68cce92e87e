import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { PublicView, PublicViewContent } from '@palermo/contracts';
import { ErrorAlert, StatusMessage } from '../../components/Status';
import { usePlanLabels } from '../action-plan/labels';
import { getPublicView, previewPublicView, publishPublicView, withdrawPublicView } from './api';
import { PublicPlanBody } from './PublicViewPage';
import './public-view.css';

/**
 * The coordinator's part of the progress page: what the public page shows now, a preview of it as this plan would
 * publish it (the same content the server stores at publication), and the buttons to publish it or withdraw it.
 */
export function PublishPanel({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const labels = usePlanLabels();
  const [current, setCurrent] = useState<PublicView | null | undefined>(undefined);
  const [preview, setPreview] = useState<PublicViewContent | null>(null);
  const [said, setSaid] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(() => {
    getPublicView().then(setCurrent, setError);
  }, []);
  useEffect(refresh, [refresh]);

  async function act(action: () => Promise<unknown>, done?: string) {
    setBusy(true);
    setError(null);
    setSaid(undefined);
    try {
      await action();
      if (done) setSaid(done);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="publish-title">
      <h2 id="publish-title">{t('publicView.publishHeading')}</h2>
      <p>{t('publicView.publishIntro')}</p>
      {current === null ? <p>{t('publicView.nothingPublished')}</p> : null}
      {current ? (
        <p>
          {t('publicView.currentlyPublished', { date: labels.date(current.publishedAt.slice(0, 10)), organisation: current.publishedBy })} <bdi>{current.content.plan.title}</bdi>.{' '}
          <Link to="/public">{t('publicView.openPublic')}</Link>
        </p>
      ) : null}
      <StatusMessage>{said}</StatusMessage>
      {error ? <ErrorAlert error={error} /> : null}
      <p>
        {preview === null ? (
          <button type="button" aria-disabled={busy || undefined} onClick={() => void act(async () => setPreview((await previewPublicView(planId)).content))}>
            {t('publicView.showPreview')}
          </button>
        ) : (
          <button type="button" onClick={() => setPreview(null)}>
            {t('publicView.hidePreview')}
          </button>
        )}{' '}
        {current ? (
          <button type="button" aria-disabled={busy || undefined} onClick={() => void act(async () => { await withdrawPublicView(); refresh(); }, t('publicView.withdrawn'))}>
            {t('publicView.withdraw')}
          </button>
        ) : null}
      </p>
      {preview !== null ? (
        <div className="public-preview" aria-labelledby="preview-title">
          <h2 id="preview-title">{t('publicView.previewHeading')}</h2>
          <PublicPlanBody content={preview} />
          <button
            type="button"
            className="button-primary"
            aria-disabled={busy || undefined}
            onClick={() =>
              void act(async () => {
                await publishPublicView(planId);
                setPreview(null);
                refresh();
              }, t('publicView.published'))
            }
          >
            {t('publicView.publish')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
