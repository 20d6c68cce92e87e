import { useTranslation } from 'react-i18next';
import { actionStatusRequest, followUpActionRequest, followUpStatuses, type CoordinationOptions, type FollowUpActionView, type MeetingView } from '@palermo/contracts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/fields';
import { useContractForm } from '../../components/useForm';
import { TextAreaField } from '../cases/controls';
import { addAction, updateActionStatus } from './api';
import { localiseCoordinationIssues, orNull, orUndefined, useCoordinationLabels, type CoordinationLabels } from './labels';

/** A follow-up action of a meeting, assigned to an organisation with a due date, following from one of its decisions (the coordinator). */
export function ActionForm({ meeting, options, onSaved }: { meeting: MeetingView; options: CoordinationOptions; onSaved: () => void }) {
  const { t } = useTranslation();
  const form = useContractForm(
    followUpActionRequest,
    {
      decisionId: { id: 'action-decision', label: t('coordination.decision') },
      description: { id: 'action-description', label: t('coordination.actionDescription') },
      organisationId: { id: 'action-organisation', label: t('coordination.assignedTo') },
      dueOn: { id: 'action-due', label: t('coordination.dueOn') },
    },
    { decisionId: '', description: '', organisationId: '', dueOn: '' },
    { request: (v) => ({ ...v, decisionId: orNull(v.decisionId), organisationId: orUndefined(v.organisationId) }), localise: localiseCoordinationIssues(t) },
  );
  const onSubmit = form.submit(async (request) => {
    await addAction(meeting.id, request);
    form.clear();
    onSaved();
  });
  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <SelectField id="action-decision" label={t('coordination.decision')} optional {...form.text('decisionId')}>
          <option value="">{t('coordination.noDecision')}</option>
          {(meeting.decisions ?? []).map((d) => <option key={d.id} value={d.id}>{t('coordination.decisionOption', { n: d.position, text: d.text.length > 80 ? `${d.text.slice(0, 80)}…` : d.text })}</option>)}
        </SelectField>
        <TextAreaField id="action-description" label={t('coordination.actionDescription')} rows={2} {...form.text('description')} />
        <SelectField id="action-organisation" label={t('coordination.assignedTo')} {...form.text('organisationId')}>
          <option value="">{t('coordination.choose')}</option>
          {options.organisations.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
        </SelectField>
        <TextField id="action-due" type="date" label={t('coordination.dueOn')} hint={t('coordination.dueOnHint')} {...form.text('dueOn')} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('coordination.addAction')}
        </button>
      </form>
    </>
  );
}

/** An action's status, and the day it was done (the coordinator, or the organisation it is assigned to). */
export function StatusForm({ action, onSaved }: { action: FollowUpActionView; onSaved: () => void }) {
  const { t } = useTranslation();
  const labels = useCoordinationLabels();
  const prefix = `status-${action.id}`;
  const form = useContractForm(
    actionStatusRequest,
    {
      status: { id: `${prefix}-status`, label: t('coordination.status') },
      doneOn: { id: `${prefix}-done`, label: t('coordination.doneOn') },
    },
    { status: action.status ?? 'open', doneOn: action.doneOn ?? '' },
    { request: (v) => ({ status: v.status, doneOn: v.status === 'done' ? orNull(v.doneOn) : null }), localise: localiseCoordinationIssues(t) },
  );
  const onSubmit = form.submit(async (request) => {
    await updateActionStatus(action.id, request);
    onSaved();
  });
  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('coordination.updateStatusOf', { description: action.description })}>
        <SelectField id={`${prefix}-status`} label={t('coordination.status')} {...form.text('status')}>
          {followUpStatuses.map((code) => <option key={code} value={code}>{labels.status(code)}</option>)}
        </SelectField>
        {form.value('status') === 'done' ? <TextField id={`${prefix}-done`} type="date" label={t('coordination.doneOn')} {...form.text('doneOn')} /> : null}
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('coordination.updateStatus')}
        </button>
      </form>
    </>
  );
}

/** Follow-up actions as a table: what, who, when due, where it stands (overdue marked in words); each with its status form for those who may update it. */
export function ActionsTable({ actions, labels, showMeeting, onSaved, captionId, caption }: {
  actions: readonly FollowUpActionView[]; labels: CoordinationLabels; showMeeting: boolean; onSaved: () => void; captionId: string; caption: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={captionId}>
      <table>
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('coordination.actionDescription')}</th>
            {showMeeting ? <th scope="col">{t('coordination.meeting')}</th> : null}
            <th scope="col">{t('coordination.assignedTo')}</th>
            <th scope="col">{t('coordination.dueOn')}</th>
            <th scope="col">{t('coordination.status')}</th>
            <th scope="col">{t('coordination.update')}</th>
          </tr>
        </thead>
        <tbody>
          {actions.map((a) => (
            <tr key={a.id} className={a.overdue ? 'row-overdue' : undefined}>
              <th scope="row"><bdi>{a.description}</bdi></th>
              {showMeeting ? <td><bdi>{a.bodyName}</bdi> · {labels.date(a.meetingHeldOn)}</td> : null}
              <td><bdi>{a.organisationName}</bdi></td>
              <td>{labels.date(a.dueOn)}</td>
              <td>
                {labels.status(a.status)}
                {a.status === 'done' && a.doneOn ? ` (${labels.date(a.doneOn)})` : ''}
                {a.overdue ? <span className="badge badge-bad badge-overdue">{t('coordination.overdue')}</span> : null}
              </td>
              <td>{a.mayUpdate ? <StatusForm action={a} onSaved={onSaved} /> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
