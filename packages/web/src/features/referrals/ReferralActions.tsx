import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { useContractForm } from '../../components/useForm';
import { TextAreaField } from '../cases/controls';
import { useKeyedPost, type KeyedPost } from '../cases/keyed';
import { localiseCaseError, localiseIssues } from '../cases/problems';
import { acceptReferral, completeReferral, declineReferral, withdrawReferral } from './api';
import { completeReferralRequest, declineReferralRequest, type ReferralView } from './contracts';

interface Props {
  referral: ReferralView;
  side: 'sender' | 'receiver';
  onChanged: (notice: string) => void;
}

/** The answers open to the reader: accept, decline or record the service (receiver); withdraw (sender). */
export function ReferralActions({ referral, side, onChanged }: Props) {
  const { t } = useTranslation();
  const post = useKeyedPost();
  const id = referral.id;
  const localise = (issues: Parameters<typeof localiseIssues>[1]) => localiseIssues(t, issues);
  // Declining and recording the service are two forms, each checked by its contract; accepting and withdrawing are
  // buttons whose refusals the first form's summary shows.
  const form = useContractForm(declineReferralRequest, { reason: { id: `decline-reason-${id}`, label: t('referrals.reason') } }, { reason: '' }, { localise });
  const completion = useContractForm(
    completeReferralRequest,
    {
      deliveredFrom: { id: `delivered-from-${id}`, label: t('referrals.deliveredFrom') },
      deliveredTo: { id: `delivered-to-${id}`, label: t('referrals.deliveredTo') },
      note: { id: `delivered-note-${id}`, label: t('referrals.note') },
    },
    { deliveredFrom: '', deliveredTo: '', note: '' },
    {
      request: ({ deliveredFrom, deliveredTo, note }) => ({ deliveredFrom: deliveredFrom || undefined, ...(deliveredTo ? { deliveredTo } : {}), ...(note.trim() ? { note: note.trim() } : {}) }),
      localise,
    },
  );
  const canAnswer = side === 'receiver' && referral.status === 'sent';
  const canComplete = side === 'receiver' && referral.status === 'accepted' && referral.kind === 'service';
  const canWithdraw = side === 'sender' && (referral.status === 'sent' || referral.status === 'accepted');
  if (!canAnswer && !canComplete && !canWithdraw) return null;

  const act = (action: (post: KeyedPost) => Promise<unknown>, notice: string) => async () => {
    try {
      await action(post);
    } catch (error) {
      throw localiseCaseError(t, error);
    }
    onChanged(notice);
  };

  const onDecline = form.submit((request) => act((p) => declineReferral(p, id, request.reason), t('referrals.declinedNotice', { name: referral.from.name }))());
  const onComplete = completion.submit((request) => act((p) => completeReferral(p, id, request), t('referrals.completedNotice'))());

  const label = (text: string) => `${text} (${referral.caseReference})`;
  return (
    <div className="referral-actions">
      <ErrorSummary form={form} />
      <ErrorSummary form={completion} />
      {canAnswer ? (
        <>
          <button type="button" className="button-primary" onClick={() => void form.run(act((p) => acceptReferral(p, id), t('referrals.acceptedNotice', { name: referral.from.name })))}>
            {t('referrals.accept')}
            <span className="visually-hidden"> {referral.caseReference}</span>
          </button>
          <details className="case-action">
            <summary>{label(t('referrals.decline'))}</summary>
            <form className="case-action-body narrow" onSubmit={(event) => void onDecline(event)} noValidate>
              <TextAreaField id={`decline-reason-${id}`} label={t('referrals.reason')} hint={t('referrals.reasonHint')} {...form.text('reason')} />
              <button type="submit">{t('referrals.declineSubmit')}</button>
            </form>
          </details>
        </>
      ) : null}
      {canComplete ? (
        <details className="case-action">
          <summary>{label(t('referrals.complete'))}</summary>
          <form className="case-action-body narrow" onSubmit={(event) => void onComplete(event)} noValidate>
            <TextField id={`delivered-from-${id}`} type="date" label={t('referrals.deliveredFrom')} {...completion.text('deliveredFrom')} />
            <TextField id={`delivered-to-${id}`} type="date" label={t('referrals.deliveredTo')} optional {...completion.text('deliveredTo')} />
            <TextAreaField id={`delivered-note-${id}`} label={t('referrals.note')} optional {...completion.text('note')} />
            <button type="submit" className="button-primary">
              {t('referrals.completeSubmit')}
            </button>
          </form>
        </details>
      ) : null}
      {canWithdraw ? (
        <button type="button" onClick={() => void form.run(act((p) => withdrawReferral(p, id), t('referrals.withdrawnNotice', { name: referral.to.name })))}>
          {t('referrals.withdraw')}
          <span className="visually-hidden"> {referral.caseReference}</span>
        </button>
      ) : null}
    </div>
  );
}
