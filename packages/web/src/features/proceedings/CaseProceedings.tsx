import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { linkVictimRequest, victimStandings, type LinkableInvestigations, type VictimWitnessView } from '@palermo/contracts';
import { useResource } from '../../app/useResource';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/fields';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Status';
import { useContractForm } from '../../components/useForm';
import { localiseIssues } from '../cases/problems';
import { findInvestigations, getCaseProceedings, linkToInvestigation } from './api';
import { useProceedingsLabels, type ProceedingsNotice } from './labels';
import { CompensationForm, CooperationForm, NonPunishmentForm, ProtectionForm } from './ProceedingsForms';

/**
 * The case page's "Proceedings" section (her caseworker): the case's links to investigations, with her cooperation,
 * the protection measures in court, non-punishment and compensation claims. A link is offered only with her consent to
 * share with law enforcement, and the section says why otherwise; nothing of her assistance depends on it.
 */
export function CaseProceedings({ caseId, canRecord }: { caseId: string; canRecord: boolean }) {
  const { t } = useTranslation();
  const [section, reload] = useResource(() => getCaseProceedings(caseId), `proceedings:case:${caseId}`);
  const [notice, setNotice] = useState<ProceedingsNotice | ''>('');
  const saved = (message: ProceedingsNotice) => {
    setNotice(message);
    reload();
  };
  return (
    <section aria-labelledby="case-proceedings-title" id="case-proceedings">
      <h2 id="case-proceedings-title">{t('proceedings.title')}</h2>
      <p className="hint">{t('proceedings.assistanceNeverDepends')}</p>
      <StatusMessage>{notice ? t(notice) : ''}</StatusMessage>
      {section.status === 'loading' ? <Loading /> : null}
      {section.status === 'failed' ? <ErrorAlert error={section.error} /> : null}
      {section.status === 'ready' ? (
        <>
          {section.data.victims.length === 0 ? <p>{t('proceedings.noLinks')}</p> : null}
          {section.data.victims.map((victim) => (
            <VictimLink key={victim.id} victim={victim} canRecord={canRecord} onSaved={saved} />
          ))}
          {section.data.lawEnforcementConsent === 'given' ? (
            // A new form after each link (keyed by the links' count): the search and choices just used are not offered again.
            canRecord ? <LinkForm key={section.data.victims.length} caseId={caseId} onLinked={saved} /> : null
          ) : (
            <p className="notice">{t(`proceedings.noConsent.${section.data.lawEnforcementConsent}`)}</p>
          )}
        </>
      ) : null}
    </section>
  );
}

function VictimLink({ victim, canRecord, onSaved }: { victim: VictimWitnessView; canRecord: boolean; onSaved: (message: ProceedingsNotice) => void }) {
  const { t } = useTranslation();
  const labels = useProceedingsLabels();
  const latest = victim.cooperation?.at(-1);
  return (
    <div className="card">
      <h3>{t('proceedings.linkedTo', { reference: victim.investigationReference ?? '', standing: labels.standing(victim.standing) })}</h3>
      <dl className="details">
        <div>
          <dt>{t('proceedings.linkedOn')}</dt>
          <dd>{victim.linkedOn ? labels.date(victim.linkedOn) : ''}</dd>
        </div>
        <div>
          <dt>{t('proceedings.lawEnforcementSees')}</dt>
          <dd>{victim.consentInForce ? t('proceedings.consentInForce') : t('proceedings.consentNotInForce')}</dd>
        </div>
        <div>
          <dt>{t('proceedings.cooperationLevel')}</dt>
          <dd>{latest ? t('proceedings.choiceOn', { level: labels.cooperation(latest.level), date: labels.date(latest.chosenOn) }) : t('proceedings.noChoice')}</dd>
        </div>
      </dl>
      <h4>{t('proceedings.protectionTitle')}</h4>
      {(victim.protection ?? []).length === 0 ? <p>{t('proceedings.none')}</p> : (
        <ul>
          {(victim.protection ?? []).map((p) => (
            <li key={p.id}>{t('proceedings.protectionLine', { measure: labels.measure(p.measure), requested: labels.date(p.requestedOn), outcome: labels.protectionOutcome(p.outcome) })}</li>
          ))}
        </ul>
      )}
      <h4>{t('proceedings.nonPunishmentTitle')}</h4>
      {(victim.nonPunishment ?? []).length === 0 ? <p>{t('proceedings.none')}</p> : (
        <ul>
          {(victim.nonPunishment ?? []).map((c) => (
            <li key={c.id}>{t('proceedings.nonPunishmentLine', { offence: labels.offence(c.offence), claimed: labels.date(c.claimedOn), outcome: labels.claimOutcome(c.outcome) })}</li>
          ))}
        </ul>
      )}
      <h4>{t('proceedings.compensationTitle')}</h4>
      {(victim.compensation ?? []).length === 0 ? <p>{t('proceedings.none')}</p> : (
        <ul>
          {(victim.compensation ?? []).map((c) => (
            <li key={c.id}>
              {t('proceedings.compensationLine', { route: labels.route(c.route), claimed: labels.date(c.claimedOn) })}
              {c.amountOrdered !== null && c.orderedOn ? <span> · {t('proceedings.ordered', { amount: labels.money(c.amountOrdered, c.currency), date: labels.date(c.orderedOn) })}</span> : null}
              {c.amountPaid !== null && c.paidOn ? <span> · {t('proceedings.paid', { amount: labels.money(c.amountPaid, c.currency), date: labels.date(c.paidOn) })}</span> : <span> · {t('proceedings.notPaid')}</span>}
            </li>
          ))}
        </ul>
      )}
      {canRecord ? (
        <>
          <CooperationForm victimId={victim.id} onSaved={onSaved} />
          <ProtectionForm victimId={victim.id} onSaved={onSaved} />
          <NonPunishmentForm victimId={victim.id} onSaved={onSaved} />
          <CompensationForm victimId={victim.id} onSaved={onSaved} />
        </>
      ) : null}
    </div>
  );
}

/** Find the investigation by the reference the police gave, then link her case to it. */
function LinkForm({ caseId, onLinked }: { caseId: string; onLinked: (message: ProceedingsNotice) => void }) {
  const { t } = useTranslation();
  const labels = useProceedingsLabels();
  const [reference, setReference] = useState('');
  const [found, setFound] = useState<LinkableInvestigations['investigations'] | null>(null);
  const form = useContractForm(
    linkVictimRequest,
    {
      investigationId: { id: 'proceedings-investigation', label: t('proceedings.investigation') },
      standing: { id: 'proceedings-standing', label: t('proceedings.standing') },
      linkedOn: { id: 'proceedings-linked-on', label: t('proceedings.linkedOn') },
      consent: { id: 'proceedings-investigation', label: t('proceedings.consent') },
    },
    { investigationId: '', standing: '', linkedOn: '' },
    { request: ({ standing, ...values }) => ({ ...values, standing: standing || undefined }), localise: (issues) => localiseIssues(t, issues) },
  );

  async function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const list = await findInvestigations(caseId, reference);
    setFound(list);
    form.set('investigationId', list[0]?.id ?? '');
  }

  const link = form.submit(async (request) => {
    await linkToInvestigation(caseId, request);
    onLinked('proceedings.linked');
  });

  return (
    <details className="action-panel">
      <summary>{t('proceedings.link')}</summary>
      <form onSubmit={(event) => void search(event)} noValidate className="narrow">
        <TextField id="proceedings-reference" label={t('proceedings.investigationReference')} hint={t('proceedings.referenceHint')} value={reference} onValueChange={setReference} />
        <button type="submit" className="button-secondary">{t('proceedings.find')}</button>
      </form>
      {found && found.length === 0 ? <p>{t('proceedings.notFound')}</p> : null}
      {found && found.length > 0 ? (
        <>
          <ErrorSummary form={form} />
          <form onSubmit={(event) => void link(event)} noValidate className="narrow">
            <SelectField id="proceedings-investigation" label={t('proceedings.investigation')} {...form.text('investigationId')}>
              {found.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.prosecutionOfficeName ? t('proceedings.investigationAt', { reference: i.reference, office: i.prosecutionOfficeName }) : i.reference}
                </option>
              ))}
            </SelectField>
            <SelectField id="proceedings-standing" label={t('proceedings.standing')} {...form.text('standing')}>
              <option value="">{t('proceedings.choose')}</option>
              {victimStandings.map((code) => (
                <option key={code} value={code}>
                  {labels.standing(code)}
                </option>
              ))}
            </SelectField>
            <TextField id="proceedings-linked-on" type="date" label={t('proceedings.linkedOn')} {...form.text('linkedOn')} />
            <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>{t('proceedings.linkSubmit')}</button>
          </form>
        </>
      ) : null}
    </details>
  );
}
