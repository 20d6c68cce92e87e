import { useTranslation } from 'react-i18next';
import { approvalDecisionRequest } from '@palermo/contracts';
import { useResource } from '../../app/useResource';
import { ErrorSummary } from '../../components/ErrorSummary';
import { ErrorAlert } from '../../components/Status';
import { useContractForm } from '../../components/useForm';
import { TextAreaField } from '../cases/controls';
import { useFormats } from '../cases/format';
import { decideApproval, listApprovals, type CaseApproval } from './api';

/**
 * The case's plan and closure approvals in the reader's organisation: what waits (a supervisor approves it or returns
 * it with a reason), what was approved or returned and why. Shown only when there is something to show.
 */
export function ApprovalsSection({ caseId, version, onChanged }: { caseId: string; version: number; onChanged: (notice?: string) => void }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const [resource, reload] = useResource(() => listApprovals(caseId), `approvals:${caseId}:${version}`);
  if (resource.status === 'failed') return <ErrorAlert error={resource.error} />;
  if (resource.status !== 'ready' || resource.data.approvals.length === 0) return null;
  const { approvals, mayDecide } = resource.data;
  return (
    <section aria-labelledby="case-approvals-title" id="case-approvals">
      <h2 id="case-approvals-title">{t('supervision.approvalsTitle')}</h2>
      <ul className="approval-list">
        {approvals.map((approval) => (
          <li key={approval.id} className="approval">
            <p>
              <strong>{t(`supervision.kinds.${approval.kind}`)}</strong> · {t(`supervision.statuses.${approval.status}`)} ·{' '}
              {t('supervision.askedBy', { name: approval.requestedBy, date: formats.dateTime(approval.requestedAt) })}
            </p>
            {approval.closure ? (
              <p>
                {t('supervision.closureReason')} <bdi>{approval.closure.reason}</bdi>
                {approval.closure.referred ? ` · ${t('close.referred')}` : ''}
              </p>
            ) : null}
            {approval.decidedBy && approval.decidedAt ? <p>{t('supervision.answeredBy', { name: approval.decidedBy, date: formats.dateTime(approval.decidedAt) })}</p> : null}
            {approval.returnReason ? (
              <p>
                {t('supervision.returnReason')} <bdi>{approval.returnReason}</bdi>
              </p>
            ) : null}
            {mayDecide && approval.status === 'awaiting' ? (
              <DecideApproval
                approval={approval}
                onDecided={(notice) => {
                  reload();
                  onChanged(notice);
                }}
              />
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function DecideApproval({ approval, onDecided }: { approval: CaseApproval; onDecided: (notice: string) => void }) {
  const { t } = useTranslation();
  const form = useContractForm(
    approvalDecisionRequest,
    { reason: { id: `return-reason-${approval.id}`, label: t('supervision.returnReasonLabel') } },
    { reason: '' },
    {
      request: ({ reason }) => ({ decision: 'return', reason }),
      // What a return needs, said once, rather than the contract's words for the length.
      localise: (issues) => issues.map((issue) => (issue.field === 'reason' ? { field: 'reason', problem: t('supervision.reasonNeeded') } : issue)),
    },
  );
  const kind = t(`supervision.kinds.${approval.kind}`);

  const approve = () =>
    void form.run(async () => {
      await decideApproval(approval.id, { decision: 'approve' });
      onDecided(t('supervision.approved', { kind }));
    });

  const onReturn = form.submit(async (body) => {
    await decideApproval(approval.id, body);
    onDecided(t('supervision.returned', { kind }));
  });

  return (
    <div className="approval-decision">
      <ErrorSummary form={form} />
      <p className="inline-actions">
        <button type="button" className="button-primary" onClick={approve} aria-disabled={form.submitting || undefined}>
          {t('supervision.approve', { kind })}
        </button>
      </p>
      <form onSubmit={(event) => void onReturn(event)} noValidate className="narrow">
        <TextAreaField id={`return-reason-${approval.id}`} label={t('supervision.returnReasonLabel')} {...form.text('reason')} />
        <button type="submit" aria-disabled={form.submitting || undefined}>
          {t('supervision.return', { kind })}
        </button>
      </form>
    </div>
  );
}
