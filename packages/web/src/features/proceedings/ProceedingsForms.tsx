import { useTranslation } from 'react-i18next';
import type { FieldValues } from 'react-hook-form';
import {
  cooperationLevels, currencyCodes, nonPunishmentOffences, proceedingCompensationRoutes, proceedingNonPunishmentOutcomes, protectionMeasures, protectionOutcomes,
  recordCompensationRequest, recordCooperationRequest, recordNonPunishmentRequest, recordProtectionRequest,
} from '@palermo/contracts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/fields';
import { useContractForm, type ContractSchema, type FormFields } from '../../components/useForm';
import { localiseIssues } from '../cases/problems';
import { recordCompensation, recordCooperation, recordNonPunishment, recordProtection } from './api';
import { minorUnits, useProceedingsLabels, type ProceedingsNotice } from './labels';

type Props = { victimId: string; onSaved: (message: ProceedingsNotice) => void };

/**
 * One small form of the section, checked by its contract through the zod resolver: the fields, their first values, the
 * request built from them (an empty choice as no value), what is sent; the summary names each problem.
 */
function useSectionForm<Values extends FieldValues, Output>(
  schema: ContractSchema<unknown, Output>,
  fields: FormFields,
  values: Values,
  request: (values: Values) => unknown,
  send: (body: Output) => Promise<unknown>,
  onDone: () => void,
) {
  const { t } = useTranslation();
  const form = useContractForm(schema, fields, values, { request, localise: (issues) => localiseIssues(t, issues) });
  const submit = form.submit(async (body) => {
    await send(body);
    onDone();
  });
  return { form, submit };
}

const chosen = (value: string) => value || undefined;

function Choices({ id, label, value, onValueChange, codes, name, error }: { id: string; label: string; value: string; onValueChange: (v: string) => void; codes: readonly string[]; name: (code: string) => string; error: string | undefined }) {
  const { t } = useTranslation();
  return (
    <SelectField id={id} label={label} value={value} onValueChange={onValueChange} error={error}>
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
  const ids = { level: `coop-level-${victimId}`, chosenOn: `coop-date-${victimId}` };
  const { form, submit } = useSectionForm(
    recordCooperationRequest,
    { level: { id: ids.level, label: t('proceedings.cooperationLevel') }, chosenOn: { id: ids.chosenOn, label: t('proceedings.chosenOn') } },
    { level: '', chosenOn: '' },
    ({ level, chosenOn }) => ({ level: chosen(level), chosenOn }),
    (body) => recordCooperation(victimId, body),
    () => onSaved('proceedings.saved'),
  );
  return (
    <details className="action-panel">
      <summary>{t('proceedings.recordCooperation')}</summary>
      <ErrorSummary form={form} />
      <form onSubmit={(e) => void submit(e)} noValidate className="narrow">
        <p className="hint">{t('proceedings.cooperationHint')}</p>
        <Choices id={ids.level} label={t('proceedings.cooperationLevel')} codes={cooperationLevels} name={labels.cooperation} {...form.text('level')} />
        <TextField id={ids.chosenOn} type="date" label={t('proceedings.chosenOn')} {...form.text('chosenOn')} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>{t('proceedings.save')}</button>
      </form>
    </details>
  );
}

/** A protection measure in court: requested, and whether provided. */
export function ProtectionForm({ victimId, onSaved }: Props) {
  const { t } = useTranslation();
  const labels = useProceedingsLabels();
  const ids = { measure: `prot-measure-${victimId}`, requestedOn: `prot-requested-${victimId}`, outcome: `prot-outcome-${victimId}`, decidedOn: `prot-decided-${victimId}` };
  const { form, submit } = useSectionForm(
    recordProtectionRequest,
    {
      measure: { id: ids.measure, label: t('proceedings.measure') }, requestedOn: { id: ids.requestedOn, label: t('proceedings.requestedOn') },
      outcome: { id: ids.outcome, label: t('proceedings.provided') }, decidedOn: { id: ids.decidedOn, label: t('proceedings.decidedOn') },
    },
    { measure: '', requestedOn: '', outcome: '', decidedOn: '' },
    ({ measure, requestedOn, outcome, decidedOn }) => ({ measure: chosen(measure), requestedOn, outcome: chosen(outcome), decidedOn: chosen(decidedOn) }),
    (body) => recordProtection(victimId, body),
    () => onSaved('proceedings.saved'),
  );
  return (
    <details className="action-panel">
      <summary>{t('proceedings.recordProtection')}</summary>
      <ErrorSummary form={form} />
      <form onSubmit={(e) => void submit(e)} noValidate className="narrow">
        <Choices id={ids.measure} label={t('proceedings.measure')} codes={protectionMeasures} name={labels.measure} {...form.text('measure')} />
        <TextField id={ids.requestedOn} type="date" label={t('proceedings.requestedOn')} {...form.text('requestedOn')} />
        <Choices id={ids.outcome} label={t('proceedings.provided')} codes={protectionOutcomes} name={labels.protectionOutcome} {...form.text('outcome')} />
        <TextField id={ids.decidedOn} type="date" optional label={t('proceedings.decidedOn')} {...form.text('decidedOn')} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>{t('proceedings.save')}</button>
      </form>
    </details>
  );
}

/** A claim not to be punished for an offence she was made to commit, and its outcome. */
export function NonPunishmentForm({ victimId, onSaved }: Props) {
  const { t } = useTranslation();
  const labels = useProceedingsLabels();
  const ids = { offence: `np-offence-${victimId}`, claimedOn: `np-claimed-${victimId}`, outcome: `np-outcome-${victimId}`, decidedOn: `np-decided-${victimId}` };
  const { form, submit } = useSectionForm(
    recordNonPunishmentRequest,
    {
      offence: { id: ids.offence, label: t('proceedings.offence') }, claimedOn: { id: ids.claimedOn, label: t('proceedings.claimedOn') },
      outcome: { id: ids.outcome, label: t('proceedings.outcome') }, decidedOn: { id: ids.decidedOn, label: t('proceedings.decidedOn') },
    },
    { offence: '', claimedOn: '', outcome: '', decidedOn: '' },
    ({ offence, claimedOn, outcome, decidedOn }) => ({ offence: chosen(offence), claimedOn, outcome: chosen(outcome), decidedOn: chosen(decidedOn) }),
    (body) => recordNonPunishment(victimId, body),
    () => onSaved('proceedings.saved'),
  );
  return (
    <details className="action-panel">
      <summary>{t('proceedings.recordNonPunishment')}</summary>
      <ErrorSummary form={form} />
      <form onSubmit={(e) => void submit(e)} noValidate className="narrow">
        <Choices id={ids.offence} label={t('proceedings.offence')} codes={nonPunishmentOffences} name={labels.offence} {...form.text('offence')} />
        <TextField id={ids.claimedOn} type="date" label={t('proceedings.claimedOn')} {...form.text('claimedOn')} />
        <Choices id={ids.outcome} label={t('proceedings.outcome')} codes={proceedingNonPunishmentOutcomes} name={labels.claimOutcome} {...form.text('outcome')} />
        <TextField id={ids.decidedOn} type="date" optional label={t('proceedings.decidedOn')} {...form.text('decidedOn')} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>{t('proceedings.save')}</button>
      </form>
    </details>
  );
}

/** A compensation claim: where, the amount ordered and the amount paid, with their dates. */
export function CompensationForm({ victimId, onSaved }: Props) {
  const { t } = useTranslation();
  const labels = useProceedingsLabels();
  const p = `comp-${victimId}`;
  const ids = { route: `${p}-route`, claimedOn: `${p}-claimed`, currency: `${p}-currency`, amountOrdered: `${p}-ordered`, orderedOn: `${p}-ordered-on`, amountPaid: `${p}-paid`, paidOn: `${p}-paid-on`, paidAboveOrderReason: `${p}-reason` };
  const { form, submit } = useSectionForm(
    recordCompensationRequest,
    Object.fromEntries(Object.entries(ids).map(([field, id]) => [field, { id, label: t(`proceedings.compensationFields.${field}` as 'proceedings.compensationFields.route') }])),
    { route: '', claimedOn: '', currency: 'EUR', amountOrdered: '', orderedOn: '', amountPaid: '', paidOn: '', paidAboveOrderReason: '' },
    ({ route, currency, amountOrdered, orderedOn, amountPaid, paidOn, paidAboveOrderReason, claimedOn }) => ({
      route: chosen(route), claimedOn, currency, amountOrdered: minorUnits(amountOrdered, currency), orderedOn: chosen(orderedOn),
      amountPaid: minorUnits(amountPaid, currency), paidOn: chosen(paidOn), paidAboveOrderReason: chosen(paidAboveOrderReason.trim()),
    }),
    (body) => recordCompensation(victimId, body),
    () => onSaved('proceedings.saved'),
  );
  return (
    <details className="action-panel">
      <summary>{t('proceedings.recordCompensation')}</summary>
      <ErrorSummary form={form} />
      <form onSubmit={(e) => void submit(e)} noValidate className="narrow">
        <Choices id={ids.route} label={t('proceedings.compensationFields.route')} codes={proceedingCompensationRoutes} name={labels.route} {...form.text('route')} />
        <TextField id={ids.claimedOn} type="date" label={t('proceedings.compensationFields.claimedOn')} {...form.text('claimedOn')} />
        <Choices id={ids.currency} label={t('proceedings.compensationFields.currency')} codes={currencyCodes} name={labels.currency} {...form.text('currency')} />
        <TextField id={ids.amountOrdered} inputMode="decimal" optional label={t('proceedings.compensationFields.amountOrdered')} {...form.text('amountOrdered')} />
        <TextField id={ids.orderedOn} type="date" optional label={t('proceedings.compensationFields.orderedOn')} {...form.text('orderedOn')} />
        <TextField id={ids.amountPaid} inputMode="decimal" optional label={t('proceedings.compensationFields.amountPaid')} {...form.text('amountPaid')} />
        <TextField id={ids.paidOn} type="date" optional label={t('proceedings.compensationFields.paidOn')} {...form.text('paidOn')} />
        <TextField id={ids.paidAboveOrderReason} optional label={t('proceedings.compensationFields.paidAboveOrderReason')} {...form.text('paidAboveOrderReason')} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>{t('proceedings.save')}</button>
      </form>
    </details>
  );
}
