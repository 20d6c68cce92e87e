import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  cooperationLevels, currencyCodes, nonPunishmentOffences, proceedingCompensationRoutes, proceedingNonPunishmentOutcomes, protectionMeasures, protectionOutcomes,
  recordCompensationRequest, recordCooperationRequest, recordNonPunishmentRequest, recordProtectionRequest,
} from '@palermo/contracts';
import type { z } from 'zod';
import { validate } from '../../app/validation';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/fields';
import { useForm } from '../../components/useForm';
import { localiseIssues } from '../cases/problems';
import { recordCompensation, recordCooperation, recordNonPunishment, recordProtection } from './api';
import { minorUnits, useProceedingsLabels, type ProceedingsNotice } from './labels';

type Props = { victimId: string; onSaved: (message: ProceedingsNotice) => void };

/** One small form of the section: fields, the check against the contract, the request; the summary names each problem. */
function useSectionForm<S extends z.ZodType>(schema: S, fields: Record<string, { id: string; label: string }>, send: (body: z.output<S>) => Promise<unknown>, onDone: () => void) {
  const { t } = useTranslation();
  const form = useForm(fields);
  async function submit(event: FormEvent<HTMLFormElement>, input: unknown) {
    event.preventDefault();
    const checked = validate(schema, input);
    if (!checked.ok) {
      form.fail(localiseIssues(t, checked.issues));
      return;
    }
    if (await form.run(async () => void (await send(checked.data as z.output<S>)))) onDone();
  }
  return { form, submit };
}

function Choices({ id, label, value, onChange, codes, name, error }: { id: string; label: string; value: string; onChange: (v: string) => void; codes: readonly string[]; name: (code: string) => string; error: string | undefined }) {
  const { t } = useTranslation();
  return (
    <SelectField id={id} label={label} value={value} onValueChange={onChange} error={error}>
      <option value="">{t('proceedings.choose')}</option>
      {codes.map((code) => (
        <option key={code} value={code}>
          {name(code)}
        </option>
      ))}
    </SelectField>
  );
}

/** Her choice of how far to cooperate, dated. */
export function CooperationForm({ victimId, onSaved }: Props) {
  const { t } = useTranslation();
  const labels = useProceedingsLabels();
  const [level, setLevel] = useState('');
  const [chosenOn, setChosenOn] = useState('');
  const ids = { level: `coop-level-${victimId}`, chosenOn: `coop-date-${victimId}` };
  const { form, submit } = useSectionForm(recordCooperationRequest, { level: { id: ids.level, label: t('proceedings.cooperationLevel') }, chosenOn: { id: ids.chosenOn, label: t('proceedings.chosenOn') } },
    (body) => recordCooperation(victimId, body), () => onSaved('proceedings.saved'));
  return (
    <details className="action-panel">
      <summary>{t('proceedings.recordCooperation')}</summary>
      <ErrorSummary form={form} />
      <form onSubmit={(e) => void submit(e, { level: level || undefined, chosenOn })} noValidate className="narrow">
        <p className="hint">{t('proceedings.cooperationHint')}</p>
        <Choices id={ids.level} label={t('proceedings.cooperationLevel')} value={level} onChange={setLevel} codes={cooperationLevels} name={labels.cooperation} error={form.errorFor('level')} />
        <TextField id={ids.chosenOn} type="date" label={t('proceedings.chosenOn')} value={chosenOn} onValueChange={setChosenOn} error={form.errorFor('chosenOn')} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>{t('proceedings.save')}</button>
      </form>
    </details>
  );
}

/** A protection measure in court: requested, and whether provided. */
export function ProtectionForm({ victimId, onSaved }: Props) {
  const { t } = useTranslation();
  const labels = useProceedingsLabels();
  const [measure, setMeasure] = useState('');
  const [requestedOn, setRequestedOn] = useState('');
  const [outcome, setOutcome] = useState('');
  const [decidedOn, setDecidedOn] = useState('');
  const ids = { measure: `prot-measure-${victimId}`, requestedOn: `prot-requested-${victimId}`, outcome: `prot-outcome-${victimId}`, decidedOn: `prot-decided-${victimId}` };
  const { form, submit } = useSectionForm(recordProtectionRequest, {
    measure: { id: ids.measure, label: t('proceedings.measure') }, requestedOn: { id: ids.requestedOn, label: t('proceedings.requestedOn') },
    outcome: { id: ids.outcome, label: t('proceedings.provided') }, decidedOn: { id: ids.decidedOn, label: t('proceedings.decidedOn') },
  }, (body) => recordProtection(victimId, body), () => onSaved('proceedings.saved'));
  return (
    <details className="action-panel">
      <summary>{t('proceedings.recordProtection')}</summary>
      <ErrorSummary form={form} />
      <form onSubmit={(e) => void submit(e, { measure: measure || undefined, requestedOn, outcome: outcome || undefined, decidedOn: decidedOn || undefined })} noValidate className="narrow">
        <Choices id={ids.measure} label={t('proceedings.measure')} value={measure} onChange={setMeasure} codes={protectionMeasures} name={labels.measure} error={form.errorFor('measure')} />
        <TextField id={ids.requestedOn} type="date" label={t('proceedings.requestedOn')} value={requestedOn} onValueChange={setRequestedOn} error={form.errorFor('requestedOn')} />
        <Choices id={ids.outcome} label={t('proceedings.provided')} value={outcome} onChange={setOutcome} codes={protectionOutcomes} name={labels.protectionOutcome} error={form.errorFor('outcome')} />
        <TextField id={ids.decidedOn} type="date" optional label={t('proceedings.decidedOn')} value={decidedOn} onValueChange={setDecidedOn} error={form.errorFor('decidedOn')} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>{t('proceedings.save')}</button>
      </form>
    </details>
  );
}

/** A claim not to be punished for an offence she was made to commit, and its outcome. */
export function NonPunishmentForm({ victimId, onSaved }: Props) {
  const { t } = useTranslation();
  const labels = useProceedingsLabels();
  const [offence, setOffence] = useState('');
  const [claimedOn, setClaimedOn] = useState('');
  const [outcome, setOutcome] = useState('');
  const [decidedOn, setDecidedOn] = useState('');
  const ids = { offence: `np-offence-${victimId}`, claimedOn: `np-claimed-${victimId}`, outcome: `np-outcome-${victimId}`, decidedOn: `np-decided-${victimId}` };
  const { form, submit } = useSectionForm(recordNonPunishmentRequest, {
    offence: { id: ids.offence, label: t('proceedings.offence') }, claimedOn: { id: ids.claimedOn, label: t('proceedings.claimedOn') },
    outcome: { id: ids.outcome, label: t('proceedings.outcome') }, decidedOn: { id: ids.decidedOn, label: t('proceedings.decidedOn') },
  }, (body) => recordNonPunishment(victimId, body), () => onSaved('proceedings.saved'));
  return (
    <details className="action-panel">
      <summary>{t('proceedings.recordNonPunishment')}</summary>
      <ErrorSummary form={form} />
      <form onSubmit={(e) => void submit(e, { offence: offence || undefined, claimedOn, outcome: outcome || undefined, decidedOn: decidedOn || undefined })} noValidate className="narrow">
        <Choices id={ids.offence} label={t('proceedings.offence')} value={offence} onChange={setOffence} codes={nonPunishmentOffences} name={labels.offence} error={form.errorFor('offence')} />
        <TextField id={ids.claimedOn} type="date" label={t('proceedings.claimedOn')} value={claimedOn} onValueChange={setClaimedOn} error={form.errorFor('claimedOn')} />
        <Choices id={ids.outcome} label={t('proceedings.outcome')} value={outcome} onChange={setOutcome} codes={proceedingNonPunishmentOutcomes} name={labels.claimOutcome} error={form.errorFor('outcome')} />
        <TextField id={ids.decidedOn} type="date" optional label={t('proceedings.decidedOn')} value={decidedOn} onValueChange={setDecidedOn} error={form.errorFor('decidedOn')} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>{t('proceedings.save')}</button>
      </form>
    </details>
  );
}

/** A compensation claim: where, the amount ordered and the amount paid, with their dates. */
export function CompensationForm({ victimId, onSaved }: Props) {
  const { t } = useTranslation();
  const labels = useProceedingsLabels();
  const [route, setRoute] = useState('');
  const [claimedOn, setClaimedOn] = useState('');
  const [currency, setCurrency] = useState('EUR');
  const [ordered, setOrdered] = useState('');
  const [orderedOn, setOrderedOn] = useState('');
  const [paid, setPaid] = useState('');
  const [paidOn, setPaidOn] = useState('');
  const [reason, setReason] = useState('');
  const p = `comp-${victimId}`;
  const ids = { route: `${p}-route`, claimedOn: `${p}-claimed`, currency: `${p}-currency`, amountOrdered: `${p}-ordered`, orderedOn: `${p}-ordered-on`, amountPaid: `${p}-paid`, paidOn: `${p}-paid-on`, paidAboveOrderReason: `${p}-reason` };
  const { form, submit } = useSectionForm(recordCompensationRequest, Object.fromEntries(Object.entries(ids).map(([field, id]) => [field, { id, label: t(`proceedings.compensationFields.${field}` as 'proceedings.compensationFields.route') }])),
    (body) => recordCompensation(victimId, body), () => onSaved('proceedings.saved'));
  const input = {
    route: route || undefined, claimedOn, currency, amountOrdered: minorUnits(ordered, currency), orderedOn: orderedOn || undefined,
    amountPaid: minorUnits(paid, currency), paidOn: paidOn || undefined, paidAboveOrderReason: reason.trim() || undefined,
  };
  return (
    <details className="action-panel">
      <summary>{t('proceedings.recordCompensation')}</summary>
      <ErrorSummary form={form} />
      <form onSubmit={(e) => void submit(e, input)} noValidate className="narrow">
        <Choices id={ids.route} label={t('proceedings.compensationFields.route')} value={route} onChange={setRoute} codes={proceedingCompensationRoutes} name={labels.route} error={form.errorFor('route')} />
        <TextField id={ids.claimedOn} type="date" label={t('proceedings.compensationFields.claimedOn')} value={claimedOn} onValueChange={setClaimedOn} error={form.errorFor('claimedOn')} />
        <Choices id={ids.currency} label={t('proceedings.compensationFields.currency')} value={currency} onChange={setCurrency} codes={currencyCodes} name={labels.currency} error={form.errorFor('currency')} />
        <TextField id={ids.amountOrdered} inputMode="decimal" optional label={t('proceedings.compensationFields.amountOrdered')} value={ordered} onValueChange={setOrdered} error={form.errorFor('amountOrdered')} />
        <TextField id={ids.orderedOn} type="date" optional label={t('proceedings.compensationFields.orderedOn')} value={orderedOn} onValueChange={setOrderedOn} error={form.errorFor('orderedOn')} />
        <TextField id={ids.amountPaid} inputMode="decimal" optional label={t('proceedings.compensationFields.amountPaid')} value={paid} onValueChange={setPaid} error={form.errorFor('amountPaid')} />
        <TextField id={ids.paidOn} type="date" optional label={t('proceedings.compensationFields.paidOn')} value={paidOn} onValueChange={setPaidOn} error={form.errorFor('paidOn')} />
        <TextField id={ids.paidAboveOrderReason} optional label={t('proceedings.compensationFields.paidAboveOrderReason')} value={reason} onValueChange={setReason} error={form.errorFor('paidAboveOrderReason')} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>{t('proceedings.save')}</button>
      </form>
    </details>
  );
}
