import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Page } from '../../app/Page';
import { ReferenceSeries } from '../action-plan/ReferenceSeries';

/**
 * The country's reference series (US TIP report tiers, 3P policy index scores) for every reader of the
 * recommendations, civil society included, who may not see the action plan where they are drawn beside the plan:
 * the same charts and table, without a plan's period. Reached from the recommendations list.
 */
export function ReferenceSeriesPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('recommendations.referenceSeries.title')}>
      <p>
        <Link to="/recommendations">{t('recommendations.backToList')}</Link>
      </p>
      <ReferenceSeries />
    </Page>
  );
}
