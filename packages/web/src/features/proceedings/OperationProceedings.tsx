import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  crossBorderAsks, crossBorderDirections, crossBorderKinds, crossBorderRefusalGrounds, crossBorderRequestCreate, crossBorderStatusUpdate, openCrossBorderStatuses,
  type CrossBorderRequestView, type InvestigationView,
} from '@palermo/contracts';
import { useActiveSession } from '../../app/session';
import { useResource } from '../../app/useResource';
import { ErrorSummary } from '../../components/ErrorSummary';
import { CheckboxGroup, SelectField, TextField } from '../../components/fields';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Status';
import { useContractForm } from '../../components/useForm';
import { localiseIssues } from '../cases/problems';
import { canSeeCrossBorderRequests, canSeeVictimWitnesses, listCrossBorderRequests, listVictimWitnesses, recordCrossBorderRequest, updateCrossBorderStatus } from './api';
import { useProceedingsLabels, type ProceedingsNotice } from './labels';

/** On an operation's page: its victim-witnesses by initials (with her consent) and its cross-border requests. */
export function OperationProceedings({ operationId, investigations }: { operationId: string; investigations: readonly InvestigationView[] }) {
  const session = useActiveSession();
  return (
    <>
      {canSeeVictimWitnesses(session.capabilities) ? <VictimWitnesses operationId={operationId} /> : null}
      {canSeeCrossBorderRequests(session.capabilities) ? <CrossBorderRequests operationId={operationId} investigations={investigations} /> : null}
    </>
  );
}

function VictimWitnesses({ operationId }: { operationId: string }) {
  const { t } = useTranslation();
  const labels = useProceedingsLabels();
  const [victims] = useResource(() => listVictimWitnesses(operationId), `proceedings:victims:${operationId}`);
  return (
    <section aria-labelledby="victim-witnesses-title" id="victim-witnesses">
      <h2 id="victim-witnesses-title">{t('proceedings.victimWitnesses')}</h2>
      <p className="hint">{t('proceedings.initialsOnly')}</p>
      {victims.status === 'loading' ? <Loading /> : null}
      {victims.status === 'failed' ? <ErrorAlert error={victims.error} /> : null}
      {victims.status === 'ready' && victims.data.length === 0 ? <p>{t('proceedings.noVictimWitnesses')}</p> : null}
      {victims.status === 'ready' && victims.data.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('proceedings.initials')}</th>
              <th scope="col">{t('proceedings.investigation')}</th>
              <th scope="col">{t('proceedings.standing')}</th>
              <th scope="col">{t('proceedings.cooperationLevel')}</th>
              <th scope="col">{t('proceedings.protectionTitle')}</th>
            </tr>
          </thead>
          <tbody>
            {victims.data.map((victim) => {
              const latest = victim.cooperation?.at(-1);
              return (
                <tr key={victim.id}>
                  <td><bdi>{victim.initials ?? ''}</bdi></td>
                  <td><bdi>{victim.investigationReference ?? ''}</bdi></td>
                  <td>{labels.standing(victim.standing)}</td>
                  <td>{latest ? t('proceedings.choiceOn', { level: labels.cooperation(latest.level), date: labels.date(latest.chosenOn) }) : ''}</td>
                  <td>{labels.list((victim.protection ?? []).map((p) => t('proceedings.measureOutcome', { measure: labels.measure(p.measure), outcome: labels.protectionOutcome(p.outcome) })), (s) => s)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function CrossBorderRequests({ operationId, investigations }: { operationId: string; investigations: readonly InvestigationView[] }) {
  const { t } = useTranslation();
  const labels = useProceedingsLabels();
  const [requests, reload] = useResource(() => listCrossBorderRequests(operationId), `proceedings:requests:${operationId}`);
  const [notice, setNotice] = useState<ProceedingsNotice | ''>('');
  const saved = (message: ProceedingsNotice) => {
    setNotice(message);
    reload();
  };
  return (
    <section aria-labelledby="cross-border-title" id="cross-border">
      <h2 id="cross-border-title">{t('proceedings.crossBorderTitle')}</h2>
      <StatusMessage>{notice ? t(notice) : ''}</StatusMessage>
      {requests.status === 'loading' ? <Loading /> : null}
      {requests.status === 'failed' ? <ErrorAlert error={requests.error} /> : null}
      {requests.status === 'ready' && requests.data.length === 0 ? <p>{t('proceedings.noRequests')}</p> : null}
      {requests.status === 'ready' && requests.data.length > 0 ? (
        <ul className="plain-list">
          {requests.data.map((request) => (
            <li key={request.id} className="card">
              <h3>
                {labels.kind(request.kind)} · <bdi>{request.reference}</bdi>
                {request.overdue ? <span className="badge badge-bad"> {t('proceedings.overdue')}</span> : null}
              </h3>
              <p>{t('proceedings.requestLine', { from: labels.country(request.requestingCountry), to: labels.country(request.requestedCountry), date: labels.date(request.sentOn), asks: labels.list(request.asks, labels.ask) })}</p>
              <p>
                {t('proceedings.statusLine', { status: labels.status(request.status), elapsed: labels.days(request.elapsedDays), limit: labels.days(request.overdueAfterDays) })}
                {request.refusalGrounds.length > 0 ? ` · ${labels.list(request.refusalGrounds, labels.ground)}` : ''}
              </p>
              {(openCrossBorderStatuses as readonly string[]).includes(request.status) ? <StatusForm request={request} onSaved={saved} /> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {investigations.length > 0 ? <RequestForm investigations={investigations} onSaved={saved} /> : null}
    </section>
  );
}

/** A cross-border request sent or received for one of the operation's investigations. */
export function RequestForm({ investigations, onSaved }: { investigations: readonly InvestigationView[]; onSaved: (message: ProceedingsNotice) => void }) {
  const { t } = useTranslation();
  const labels = useProceedingsLabels();
  const form = useContractForm(
    crossBorderRequestCreate,
    {
      kind: { id: 'cbr-kind', label: t('proceedings.kind') }, direction: { id: 'cbr-direction', label: t('proceedings.direction') },
      requestingCountry: { id: 'cbr-requesting', label: t('proceedings.requestingCountry') }, requestedCountry: { id: 'cbr-requested', label: t('proceedings.requestedCountry') },
      sentOn: { id: 'cbr-sent', label: t('proceedings.sentOn') }, asks: { id: 'cbr-asks', label: t('proceedings.asksLabel') },
    },
    { investigationId: investigations[0]?.id ?? '', kind: '', direction: 'outgoing', requestingCountry: '', requestedCountry: '', sentOn: '', asks: [] as string[] },
    {
      // The investigation is the request's address, not part of it.
      request: ({ investigationId: _address, kind, requestingCountry, requestedCountry, ...values }) => ({
        ...values, kind: kind || undefined, requestingCountry: requestingCountry.trim().toUpperCase(), requestedCountry: requestedCountry.trim().toUpperCase(),
      }),
      localise: (issues) => localiseIssues(t, issues),
    },
  );
  const submit = form.submit(async (request) => {
    await recordCrossBorderRequest(form.value('investigationId'), request);
    onSaved('proceedings.requestRecorded');
  });
  return (
    <details className="action-panel">
      <summary>{t('proceedings.addRequest')}</summary>
      <ErrorSummary form={form} />
      <form onSubmit={(e) => void submit(e)} noValidate className="narrow">
        <SelectField id="cbr-investigation" label={t('proceedings.investigation')} {...form.text('investigationId')}>
          {investigations.map((i) => <option key={i.id} value={i.id}>{i.reference}</option>)}
        </SelectField>
        <SelectField id="cbr-kind" label={t('proceedings.kind')} {...form.text('kind')}>
          <option value="">{t('proceedings.choose')}</option>
          {crossBorderKinds.map((code) => <option key={code} value={code}>{labels.kind(code)}</option>)}
        </SelectField>
        <SelectField id="cbr-direction" label={t('proceedings.direction')} {...form.text('direction')}>
          {crossBorderDirections.map((code) => <option key={code} value={code}>{labels.direction(code)}</option>)}
        </SelectField>
        <TextField id="cbr-requesting" label={t('proceedings.requestingCountry')} hint={t('proceedings.countryHint')} {...form.text('requestingCountry')} />
        <TextField id="cbr-requested" label={t('proceedings.requestedCountry')} hint={t('proceedings.countryHint')} {...form.text('requestedCountry')} />
        <TextField id="cbr-sent" type="date" label={t('proceedings.sentOn')} {...form.text('sentOn')} />
        <CheckboxGroup id="cbr-asks" legend={t('proceedings.asksLabel')} options={crossBorderAsks.map((code) => ({ value: code, label: labels.ask(code) }))} selected={form.value('asks')} onChange={(next) => form.set('asks', [...next])} error={form.errorFor('asks')} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>{t('proceedings.save')}</button>
      </form>
    </details>
  );
}

/** An answer to a request, or another change of its status; a refusal gives its grounds. */
export function StatusForm({ request, onSaved }: { request: CrossBorderRequestView; onSaved: (message: ProceedingsNotice) => void }) {
  const { t } = useTranslation();
  const labels = useProceedingsLabels();
  const p = `cbr-status-${request.id}`;
  const form = useContractForm(
    crossBorderStatusUpdate,
    { status: { id: `${p}-status`, label: t('proceedings.newStatus') }, on: { id: `${p}-on`, label: t('proceedings.statusOn') }, refusalGrounds: { id: `${p}-grounds`, label: t('proceedings.refusalGrounds') } },
    { status: '', on: '', refusalGrounds: [] as string[] },
    {
      // Grounds are given only for a refusal; those ticked before choosing another status are not sent.
      request: ({ status, on, refusalGrounds }) => ({ status: status || undefined, on, refusalGrounds: status === 'refused' ? refusalGrounds : undefined }),
      localise: (issues) => localiseIssues(t, issues),
    },
  );
  const submit = form.submit(async (body) => {
    await updateCrossBorderStatus(request.id, body);
    onSaved('proceedings.statusRecorded');
  });
  return (
    <details className="action-panel">
      <summary>{t('proceedings.recordStatus')}</summary>
      <ErrorSummary form={form} />
      <form onSubmit={(e) => void submit(e)} noValidate className="narrow">
        <SelectField id={`${p}-status`} label={t('proceedings.newStatus')} {...form.text('status')}>
          <option value="">{t('proceedings.choose')}</option>
          {(['acknowledged', 'answered', 'refused', 'withdrawn'] as const).filter((s) => s !== request.status).map((code) => <option key={code} value={code}>{labels.status(code)}</option>)}
        </SelectField>
        <TextField id={`${p}-on`} type="date" label={t('proceedings.statusOn')} {...form.text('on')} />
        {form.value('status') === 'refused' ? (
          <CheckboxGroup id={`${p}-grounds`} legend={t('proceedings.refusalGrounds')} options={crossBorderRefusalGrounds.map((code) => ({ value: code, label: labels.ground(code) }))} selected={form.value('refusalGrounds')} onChange={(next) => form.set('refusalGrounds', [...next])} error={form.errorFor('refusalGrounds')} />
        ) : null}
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>{t('proceedings.save')}</button>
      </form>
    </details>
  );
}
