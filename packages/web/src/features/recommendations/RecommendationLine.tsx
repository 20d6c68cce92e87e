import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { RecommendationSummary } from '@palermo/contracts';
import { excerpt, isolate, type RecommendationLabels } from './labels';

/** A recommendation of the cluster, in one line: its body, cycle, date, response, status and the start of its text. */
export function RecommendationLine({ r, labels }: { r: RecommendationSummary; labels: RecommendationLabels }) {
  const { t } = useTranslation();
  return (
    <>
      <Link to={`/recommendations/${r.id}`}>{labels.body(r.sourceBody)}</Link>{' '}
      {t('recommendations.memberDetails', {
        when: t('recommendations.cycleAndDate', { cycle: isolate(r.cycle), date: labels.date(r.issuedOn) }),
        state: t('recommendations.responseAndStatus', { response: labels.response(r.response), status: labels.status(r.status) }),
      })}{' '}
      <bdi>{excerpt(r.text)}</bdi>
    </>
  );
}
