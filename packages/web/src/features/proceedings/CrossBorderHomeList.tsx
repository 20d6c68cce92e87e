import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { HomeView } from '@palermo/contracts';
import { HomeList } from '../home/HomeLists';
import { useProceedingsLabels } from './labels';

/** A prosecutor's home: cross-border requests waiting past their kind's time, each a link to its operation. */
export function CrossBorderHomeList({ list }: { list: NonNullable<HomeView['crossBorderOverdue']> }) {
  const { t } = useTranslation();
  const labels = useProceedingsLabels();
  return (
    <HomeList id="home-cross-border" title={t('proceedings.homeOverdue')} total={list.total} empty={t('proceedings.homeNoneOverdue')}>
      {list.items.map((item) => (
        <li key={item.id} className="home-item home-item-overdue">
          <Link to={`/prosecution/operations/${encodeURIComponent(item.operationId)}#cross-border`}>
            <bdi>{item.reference}</bdi>
          </Link>
          <span> · {labels.kind(item.kind)}</span>
          <span> · {t('proceedings.homeItem', { country: labels.country(item.requestedCountry), date: labels.date(item.sentOn), elapsed: labels.days(item.elapsedDays), limit: labels.days(item.overdueAfterDays) })}</span>
          <span className="badge badge-bad">{t('proceedings.overdue')}</span>
        </li>
      ))}
    </HomeList>
  );
}
