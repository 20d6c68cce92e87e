import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useFormats } from '../cases/format';
import type { ReferralView } from './contracts';
import { ReferralActions } from './ReferralActions';

interface Props {
  referral: ReferralView;
  /** Which end of the referral the reader is at: it decides the actions offered. */
  side: 'sender' | 'receiver';
  onChanged: (notice: string) => void;
  /** Off on the case's own page, where the link would lead back to the same case. */
  showCase?: boolean;
}

/** One referral: what, to or from whom, how urgent, what was shared, where it stands. */
export function ReferralCard({ referral, side, onChanged, showCase = true }: Props) {
  const { t } = useTranslation();
  const formats = useFormats();
  // The receiver reads the case only while something is shared with it, or once it has taken the case over; the
  // sender, until it has handed the case over.
  const handedOver = referral.kind === 'case_transfer' && referral.status === 'accepted';
  const canOpenCase = side === 'sender' ? !handedOver : referral.shareActive || handedOver;
  const what = referral.kind === 'case_transfer' ? t('referralKinds.case_transfer') : referral.service ? t(`services.${referral.service}`) : t('referralKinds.service');
  return (
    <li>
      <h3 className="measure-title">
        {side === 'receiver' ? t('referrals.fromTitle', { what, name: referral.from.name }) : t('referrals.toTitle', { what, name: referral.to.name })}
      </h3>
      <p className="measure-meta">
        <span className={referral.status === 'sent' ? 'badge badge-warn' : referral.status === 'declined' || referral.status === 'withdrawn' ? 'badge badge-off' : 'badge badge-ok'}>
          {t(`referralStatuses.${referral.status}`)}
        </span>
        {referral.urgency !== 'routine' ? <span className="badge badge-bad">{t(`referralUrgencies.${referral.urgency}`)}</span> : null}
        {t('referrals.sentAt', { date: formats.dateTime(referral.sentAt) })}
      </p>
      <ul>
        {showCase ? (
          <li>
            {t('referrals.case')}{' '}
            {canOpenCase ? (
              <Link to={`/cases/${referral.caseId}`}>
                <bdi>{referral.caseReference}</bdi>
              </Link>
            ) : (
              <bdi>{referral.caseReference}</bdi>
            )}
          </li>
        ) : null}
        <li>
          {t('referrals.shared')}{' '}
          {referral.personFields.length > 0 ? formats.list(referral.personFields.map((field) => t(`personFields.${field}`))) : t('app.none')}
          {referral.shareActive ? null : ` (${t('referrals.shareEnded')})`}
        </li>
        {referral.acceptedAt !== null ? <li>{t('referrals.acceptedAt', { date: formats.dateTime(referral.acceptedAt) })}</li> : null}
        {referral.declinedAt !== null ? (
          <li>
            {t('referrals.declinedAt', { date: formats.dateTime(referral.declinedAt) })}
            {referral.declineReason !== null ? (
              <>
                {' '}
                <bdi>{referral.declineReason}</bdi>
              </>
            ) : null}
          </li>
        ) : null}
        {referral.deliveredFrom !== null ? (
          <li>
            {t('referrals.delivered', {
              from: formats.date(referral.deliveredFrom),
              to: formats.date(referral.deliveredTo ?? referral.deliveredFrom),
            })}
          </li>
        ) : null}
        {referral.withdrawnAt !== null ? <li>{t('referrals.withdrawnAt', { date: formats.dateTime(referral.withdrawnAt) })}</li> : null}
      </ul>
      {referral.message !== null ? (
        <p className="record-notes">
          <bdi>{referral.message}</bdi>
        </p>
      ) : null}
      {referral.completionNote !== null ? (
        <p className="record-notes">
          <bdi>{referral.completionNote}</bdi>
        </p>
      ) : null}
      <ReferralActions referral={referral} side={side} onChanged={onChanged} />
    </li>
  );
}
