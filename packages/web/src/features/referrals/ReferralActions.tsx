import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { validate } from '../../app/validation';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { useForm } from '../../components/useForm';
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
  const [reason, setReason] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const id = referral.id;
  const form = useForm({
    reason: { id: `decline-reason-${id}`, label: t('referrals.reason') },
    deliveredFrom: { id: `delivered-from-${id}`, label: t('referrals.deliveredFrom') },
    deliveredTo: { id: `delivered-to-${id}`, label: t('referrals.deliveredTo') },
    note: { id: `delivered-note-${id}`, label: t('referrals.note') },
  });
  const canAnswer = side === 'receiver' && referral.status === 'sent';
  const canComplete = side === 'receiver' && referral.status === 'accepted' && referral.kind === 'service';
  const canWithdraw = side === 'sender' && (referral.status === 'sent' || referral.status === 'accepted');
  if (!canAnswer && !canComplete && !canWithdraw) return null;

  const act = (action: (post: KeyedPost) => Promise<unknown>, notice: string) =>
    form.run(async () => {
      try {
        await action(post);
      } catch (error) {
        throw localiseCaseError(t, error);
      }
      onChanged(notice);
    });

  function onDecline(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(declineReferralRequest, { reason });
    if (!checked.ok) return form.fail(localiseIssues(t, checked.issues));
    void act((p) => declineReferral(p, id, checked.data.reason), t('referrals.declinedNotice', { name: referral.from.name }));
  }

  function onComplete(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(completeReferralRequest, { deliveredFrom: from || undefined, ...(to ? { deliveredTo: to } : {}), ...(note.trim() ? { note: note.trim() } : {}) });
    if (!checked.ok) return form.fail(localiseIssues(t, checked.issues));
    void act((p) => completeReferral(p, id, checked.data), t('referrals.completedNotice'));
  }

  const label = (text: string) => `${text} (${referral.caseReference})`;
  return (
    <div className="referral-actions">
      <ErrorSummary form={form} />
      {canAnswer ? (
        <>
          <button type="button" className="button-primary" onClick={() => void act((p) => acceptReferral(p, id), t('referrals.acceptedNotice', { name: referral.from.name }))}>
            {t('referrals.accept')}
            <span className="visually-hidden"> {referral.caseReference}</span>
          </button>
          <details className="case-action">
            <summary>{label(t('referrals.decline'))}</summary>
            <form className="case-action-body narrow" onSubmit={onDecline} noValidate>
              <TextAreaField id={`decline-reason-${id}`} label={t('referrals.reason')} hint={t('referrals.reasonHint')} value={reason} onValueChange={setReason} error={form.errorFor('reason')} />
              <button type="submit">{t('referrals.declineSubmit')}</button>
            </form>
          </details>
        </>
      ) : null}
      {canComplete ? (
        <details className="case-action">
          <summary>{label(t('referrals.complete'))}</summary>
          <form className="case-action-body narrow" onSubmit={onComplete} noValidate>
            <TextField id={`delivered-from-${id}`} type="date" label={t('referrals.deliveredFrom')} value={from} onValueChange={setFrom} error={form.errorFor('deliveredFrom')} />
            <TextField id={`delivered-to-${id}`} type="date" label={t('referrals.deliveredTo')} optional value={to} onValueChange={setTo} error={form.errorFor('deliveredTo')} />
            <TextAreaField id={`delivered-note-${id}`} label={t('referrals.note')} optional value={note} onValueChange={setNote} error={form.errorFor('note')} />
            <button type="submit" className="button-primary">
              {t('referrals.completeSubmit')}
            </button>
          </form>
        </details>
      ) : null}
      {canWithdraw ? (
        <button type="button" onClick={() => void act((p) => withdrawReferral(p, id), t('referrals.withdrawnNotice', { name: referral.to.name }))}>
          {t('referrals.withdraw')}
          <span className="visually-hidden"> {referral.caseReference}</span>
        </button>
      ) : null}
    </div>
  );
}
