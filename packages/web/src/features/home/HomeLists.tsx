import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { measureText } from '../cases/sopWords';
import { useTranslation } from 'react-i18next';
import { homeTotalCap, type HomeCaseItem, type HomeView } from '@palermo/contracts';
import { useFormats } from '../cases/format';
import { traffickingStatusKey } from '../cases/traffickingStatus';

/** One list of the home: a heading with how many there are, the items (each a link to where to act), or "nothing". */
export function HomeList({ id, title, total, empty, more, children }: { id: string; title: string; total: number; empty: string; more?: ReactNode; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const count = total > homeTotalCap ? t('homeWork.moreThan', { count: homeTotalCap }) : new Intl.NumberFormat(i18n.language).format(total);
  return (
    <section aria-labelledby={`${id}-title`} className="home-list" id={id}>
      <h2 id={`${id}-title`}>
        {title} <span className="home-count">({count})</span>
      </h2>
      {total === 0 ? <p className="muted">{empty}</p> : <ul>{children}</ul>}
      {total > 0 && more ? <p>{more}</p> : null}
    </section>
  );
}

/** Where an item of a case list leads: the case page, at the section where the work is done. */
const anchors: Record<string, string> = {
  followUpsDue: '#case-records',
  measuresOverdue: '#case-measures',
  decisionsToTake: '#case-actions',
  decisionsPending: '#case-summary',
  unassignedCases: '#action-reassign',
};

/** A list of cases: reference (a link), what is due and when, and the case's flags, all in the reader's language. */
/** Lists whose deadline is a calendar day (a follow-up window's last day, a period's end): shown without a time. */
const calendarDay = (list: string) => list === 'followUpsDue' || list === 'periodsEnding';

export function CaseItems({ list, items }: { list: string; items: readonly HomeCaseItem[] }) {
  const { t, i18n } = useTranslation();
  const formats = useFormats();
  return (
    <>
      {items.map((item) => (
        <li key={`${item.id}:${item.milestone ?? ''}:${item.measureTitle ?? ''}`} className={item.overdue ? 'home-item home-item-overdue' : 'home-item'}>
          <Link to={`/cases/${item.id}${anchors[list] ?? ''}`}>
            <bdi>{item.reference}</bdi>
          </Link>
          {item.stage ? <span> · {t(`caseStages.${item.stage}`)}</span> : null}
          {item.milestone ? <span> · {t(`followUpMilestones.${item.milestone}`)}</span> : null}
          {item.measureTitle ? (
            <span>
              {' '}
              · <bdi>{measureText(t, (key) => i18n.exists(key), item.measureKey ?? '', 'title', item.measureTitle, item.measureKey !== undefined)}</bdi>
            </span>
          ) : null}
          {item.dueAt ? (
            <span>
              {' '}
              · {t(list === 'periodsEnding' ? 'homeWork.periodEnds' : 'homeWork.dueOn', { date: calendarDay(list) ? formats.date(item.dueAt.slice(0, 10)) : formats.dateTime(item.dueAt) })}
            </span>
          ) : null}
          {item.lastActivityAt ? <span> · {t('homeWork.lastActivity', { date: formats.dateTime(item.lastActivityAt) })}</span> : null}
          {item.overdue && list !== 'inactiveCases' ? <span className="badge badge-bad">{t('cases.overdue')}</span> : null}
          {(item.flags ?? []).map((flag) => (
            <span key={flag} className={flag === 'safety_risk' || flag === 'urgent' ? 'badge badge-bad' : 'badge'}>
              {t(`homeWork.flags.${flag}`)}
            </span>
          ))}
        </li>
      ))}
    </>
  );
}

/** Referrals waiting for the organisation's answer: each leads to the referrals page, where it is answered. */
export function ReferralItems({ items }: { items: NonNullable<HomeView['referralsWaiting']>['items'] }) {
  const { t } = useTranslation();
  const formats = useFormats();
  return (
    <>
      {items.map((item) => (
        <li key={item.id} className={item.overdue ? 'home-item home-item-overdue' : 'home-item'}>
          <Link to="/referrals">
            {item.kind === 'case_transfer' ? t('referralKinds.case_transfer') : t(`services.${item.service ?? 'medical'}`)} · <bdi>{item.caseReference}</bdi>
          </Link>
          <span> · {t('homeWork.fromOrganisation', { organisation: item.fromOrganisation })}</span>
          <span> · {t('homeWork.sentOn', { date: formats.dateTime(item.sentAt) })}</span>
          {item.urgency !== 'routine' ? <span className="badge badge-bad">{t(`referralUrgencies.${item.urgency}`)}</span> : null}
          {item.overdue ? <span className="badge badge-bad">{t('homeWork.unanswered')}</span> : null}
        </li>
      ))}
    </>
  );
}

/** Suspicions law enforcement reported: where each went, and the status decided where the person consented. */
export function SuspicionItems({ items }: { items: NonNullable<HomeView['suspicionsReported']>['items'] }) {
  const { t } = useTranslation();
  const formats = useFormats();
  return (
    <>
      {items.map((item) => {
        const reference = <bdi>{item.reference}</bdi>;
        return (
          <li key={item.reference} className="home-item">
            {item.caseId ? <Link to={`/cases/${item.caseId}`}>{reference}</Link> : <Link to="/referrals">{reference}</Link>}
            <span> · {t('homeWork.reportedOn', { date: formats.dateTime(item.openedAt) })}</span>
            {item.heldByUs ? <span> · {t('homeWork.heldByUs')}</span> : null}
            {item.referral ? (
              <span>
                {' '}
                ·{' '}
                {t(item.referral.kind === 'case_transfer' ? 'homeWork.handedOver' : 'homeWork.referredTo', {
                  organisation: item.referral.organisation,
                  status: t(`referralStatuses.${item.referral.status}`),
                })}
              </span>
            ) : null}
            {item.traffickingStatus ? <span> · {t(traffickingStatusKey(item.traffickingStatus, undefined))}</span> : null}
          </li>
        );
      })}
    </>
  );
}

/** Per-organisation counts (the coordinator's): each organisation with how many wait and since when. */
export function OrganisationCounts({ items, to }: { items: ReadonlyArray<{ organisation: string; count: number; oldestAt: string }>; to: string }) {
  const { t } = useTranslation();
  const formats = useFormats();
  return (
    <>
      {items.map((item) => (
        <li key={item.organisation} className="home-item">
          <Link to={to}>
            <bdi>{item.organisation}</bdi>
          </Link>
          <span> · {t('homeWork.waiting', { count: item.count })}</span>
          <span> · {t('homeWork.oldest', { date: formats.dateTime(item.oldestAt) })}</span>
        </li>
      ))}
    </>
  );
}

/** Accounts needing an administrator's attention: each leads to the users page. */
export function UserItems({ items, since }: { items: NonNullable<HomeView['usersLockedOut']>['items']; since: 'homeWork.lockedSince' | 'homeWork.createdOn' | 'homeWork.lastSignIn' }) {
  const { t } = useTranslation();
  const formats = useFormats();
  return (
    <>
      {items.map((item) => (
        <li key={item.id} className="home-item">
          <Link to="/users">
            <bdi>{item.displayName}</bdi>
          </Link>
          <span>
            {' '}
            · <bdi>{item.organisation}</bdi>
          </span>
          <span> · {item.since ? t(since, { date: formats.dateTime(item.since) }) : t('homeWork.never')}</span>
        </li>
      ))}
    </>
  );
}
