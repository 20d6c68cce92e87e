import { useTranslation } from 'react-i18next';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading } from '../../components/Status';
import { ActionPanel } from '../cases/ActionPanel';
import type { CaseActionProps } from '../cases/useCaseChange';
import { isMissingModule, listCaseReferrals } from './api';
import { ReferralCard } from './ReferralCard';
import { ReferForm } from './ReferForm';

/** The case's referrals (for the managing side) and the form to refer the person. */
export function CaseReferrals(props: CaseActionProps & { canRefer: boolean }) {
  const { t } = useTranslation();
  const { caseView, canRefer, onChanged } = props;
  const [referrals] = useResource(() => listCaseReferrals(caseView.id), `case-referrals:${caseView.id}:${caseView.version}:${caseView.timeline.length}`);
  if (referrals.status === 'failed' && isMissingModule(referrals.error)) return null;
  return (
    <section aria-labelledby="case-referrals-title" id="case-referrals">
      <h2 id="case-referrals-title">{t('referrals.caseTitle')}</h2>
      {canRefer ? (
        <ActionPanel id="action-refer" title={t('refer.title')}>
          <ReferForm {...props} />
        </ActionPanel>
      ) : null}
      {referrals.status === 'loading' ? <Loading /> : null}
      {referrals.status === 'failed' ? <ErrorAlert error={referrals.error} /> : null}
      {referrals.status === 'ready' && referrals.data.length === 0 ? <p>{t('referrals.caseEmpty')}</p> : null}
      {referrals.status === 'ready' && referrals.data.length > 0 ? (
        <ul className="plain-list">
          {referrals.data.map((referral) => (
            <ReferralCard key={referral.id} referral={referral} side="sender" showCase={false} onChanged={(notice) => onChanged(notice)} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
