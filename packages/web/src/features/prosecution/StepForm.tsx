import { useTranslation } from 'react-i18next';
import {
  appealOutcomes,
  appellants,
  chargeCategories,
  pleas,
  prosecutionStepKinds,
  recordStepRequest,
  verdictOutcomes,
  type ProsecutionStepKind,
  type StepView,
} from '@palermo/contracts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/fields';
import { useContractForm } from '../../components/useForm';
import { CheckboxField } from '../cases/controls';
import { useProsecutionLabels, wholeNumber, type Notice } from './labels';
import { localiseStepIssues } from './problems';
import { recordStep } from './api';
import { orderedSteps, useChargeName } from './StepList';

interface Props {
  suspectId: string;
  steps: readonly StepView[];
  courts: readonly { id: string; name: string }[];
  onRecorded: (notice: Notice) => void;
}

/** What a step of any kind may give, as the form's text values; the kind chosen says which the request takes. */
const details = {
  provision: '',
  category: '',
  courtOrganisationId: '',
  plea: '',
  chargeId: '',
  outcome: '',
  convictedProvision: '',
  convictedCategory: '',
  custodialMonths: '',
  probationMonths: '',
  fineAmount: '',
  currency: '',
  verdictId: '',
  appellant: '',
  appealId: '',
  amount: '',
  description: '',
  suspended: '',
};
type Details = typeof details;
type Values = Details & { kind: ProsecutionStepKind | ''; occurredOn: string };
const empty: Values = { kind: '', occurredOn: '', ...details };

const decimal = (text: string) => (text.trim() === '' ? undefined : Number(text.trim().replace(',', '.')));
const upper = (text: string) => (text.trim() === '' ? undefined : text.trim().toUpperCase());
const text = (value: string) => (value.trim() === '' ? undefined : value);

/** The request for one step of the chosen kind, from the form's text values (the contract then checks it). */
function requestOf(v: Values): unknown {
  const { kind, occurredOn } = v;
  switch (kind) {
    case '':
      return { occurredOn };
    case 'arrest':
    case 'trial':
      return { kind, occurredOn };
    case 'charge':
      return { kind, occurredOn, provision: v.provision, category: text(v.category) };
    case 'prosecution':
      return { kind, occurredOn, courtOrganisationId: v.courtOrganisationId };
    case 'plea':
      return { kind, occurredOn, plea: text(v.plea) };
    case 'verdict':
      return {
        kind,
        occurredOn,
        chargeId: v.chargeId,
        outcome: text(v.outcome),
        convictedProvision: text(v.convictedProvision),
        convictedCategory: text(v.convictedCategory),
      };
    case 'sentence':
      return {
        kind,
        occurredOn,
        custodialMonths: wholeNumber(v.custodialMonths) ?? 0,
        suspended: v.suspended === 'yes',
        probationMonths: wholeNumber(v.probationMonths),
        fineAmount: decimal(v.fineAmount),
        currency: upper(v.currency),
      };
    case 'appeal':
      return { kind, occurredOn, verdictId: v.verdictId, appellant: text(v.appellant) };
    case 'appeal_decision':
      return { kind, occurredOn, appealId: v.appealId, outcome: text(v.outcome) };
    case 'assets_seized':
    case 'assets_confiscated':
    case 'compensation_paid':
      return { kind, occurredOn, amount: decimal(v.amount), currency: upper(v.currency), description: text(v.description) };
  }
}

/**
 * Records one dated step of the suspect's funnel, checked by the contract first. A step refused (by the contract for a
 * date in the future, by the server for a step out of sequence) is worded from the refusal's code and params in the
 * reader's language, on the field it names.
 */
export function StepForm({ suspectId, steps, courts, onRecorded }: Props) {
  const { t } = useTranslation();
  const labels = useProsecutionLabels();
  const chargeName = useChargeName();
  const form = useContractForm(
    recordStepRequest,
    {
    kind: { id: 'step-kind', label: t('prosecution.stepKind') },
    occurredOn: { id: 'step-date', label: t('prosecution.stepDate') },
    provision: { id: 'step-provision', label: t('prosecution.provision') },
    category: { id: 'step-category', label: t('prosecution.category') },
    courtOrganisationId: { id: 'step-court', label: t('prosecution.court') },
    plea: { id: 'step-plea', label: t('prosecution.plea') },
    chargeId: { id: 'step-charge', label: t('prosecution.charge') },
    outcome: { id: 'step-outcome', label: t('prosecution.outcome') },
    convictedProvision: { id: 'step-convicted-provision', label: t('prosecution.convictedProvision') },
    convictedCategory: { id: 'step-convicted-category', label: t('prosecution.convictedCategory') },
    custodialMonths: { id: 'step-custodial', label: t('prosecution.custodialMonths') },
    probationMonths: { id: 'step-probation', label: t('prosecution.probationMonths') },
    fineAmount: { id: 'step-fine', label: t('prosecution.fineAmount') },
    currency: { id: 'step-currency', label: t('prosecution.currency') },
    verdictId: { id: 'step-verdict', label: t('prosecution.verdictAppealed') },
    appellant: { id: 'step-appellant', label: t('prosecution.appellant') },
    appealId: { id: 'step-appeal', label: t('prosecution.appealDecided') },
    amount: { id: 'step-amount', label: t('prosecution.amount') },
    description: { id: 'step-description', label: t('prosecution.description') },
    },
    empty,
    {
      request: requestOf,
      also: ({ kind }) => (kind === '' ? [{ field: 'kind', problem: t('prosecution.problems.chooseStep') }] : []),
      localise: (issues) => localiseStepIssues(t, labels.date, issues),
    },
  );
  const kind = form.value('kind');
  const ordered = orderedSteps(steps);
  const charges = ordered.filter((step) => step.kind === 'charge');
  const verdicts = ordered.filter((step) => step.kind === 'verdict');
  const appeals = ordered.filter((step) => step.kind === 'appeal');
  const stepName = (step: StepView) => t('prosecution.stepOption', { date: labels.date(step.occurredOn), charge: chargeName(step.provision, step.category) });

  const onSubmit = form.submit(async (request) => {
    await recordStep(suspectId, request);
    form.clear(empty);
    onRecorded((say, words) => say('prosecution.stepRecorded', { step: words.step(request.kind), date: words.date(request.occurredOn) }));
  });
  // Another kind asks for other details: those given for the last one go, the date and the problems shown stay.
  const chooseKind = (value: string) =>
    form.form.reset(
      { ...empty, occurredOn: form.value('occurredOn'), kind: prosecutionStepKinds.find((k) => k === value) ?? '' },
      { keepErrors: true, keepSubmitCount: true, keepDefaultValues: true },
    );

  const choose = <option value="">{t('prosecution.choose')}</option>;
  const select = (name: keyof Details, id: string, label: string, options: readonly { value: string; label: string }[], optional = false) => (
    <SelectField id={id} label={label} optional={optional} {...form.text(name)}>
      {choose}
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </SelectField>
  );
  const input = (name: keyof Details, id: string, label: string, optional = false, hint?: string) => (
    <TextField id={id} label={label} hint={hint} optional={optional} {...form.text(name)} />
  );
  const categories = chargeCategories.map((value) => ({ value, label: labels.category(value) }));

  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <SelectField id="step-kind" label={t('prosecution.stepKind')} value={kind} onValueChange={chooseKind} error={form.errorFor('kind')}>
          {choose}
          {prosecutionStepKinds.map((value) => (
            <option key={value} value={value}>
              {labels.step(value)}
            </option>
          ))}
        </SelectField>
        <TextField id="step-date" type="date" label={t('prosecution.stepDate')} {...form.text('occurredOn')} />
        {kind === 'charge' ? (
          <>
            {input('provision', 'step-provision', t('prosecution.provision'), false, t('prosecution.provisionHint'))}
            {select('category', 'step-category', t('prosecution.category'), categories)}
          </>
        ) : null}
        {kind === 'prosecution' ? select('courtOrganisationId', 'step-court', t('prosecution.court'), courts.map((court) => ({ value: court.id, label: court.name }))) : null}
        {kind === 'plea' ? select('plea', 'step-plea', t('prosecution.plea'), pleas.map((value) => ({ value, label: labels.plea(value) }))) : null}
        {kind === 'verdict' ? (
          <>
            {select('chargeId', 'step-charge', t('prosecution.charge'), charges.map((step) => ({ value: step.id, label: stepName(step) })))}
            {select('outcome', 'step-outcome', t('prosecution.outcome'), verdictOutcomes.map((value) => ({ value, label: labels.verdict(value) })))}
            {input('convictedProvision', 'step-convicted-provision', t('prosecution.convictedProvision'), true, t('prosecution.convictedHint'))}
            {select('convictedCategory', 'step-convicted-category', t('prosecution.convictedCategory'), categories, true)}
          </>
        ) : null}
        {kind === 'sentence' ? (
          <>
            {input('custodialMonths', 'step-custodial', t('prosecution.custodialMonths'))}
            <CheckboxField id="step-suspended" label={t('prosecution.suspended')} checked={form.value('suspended') === 'yes'} onChange={(checked) => form.set('suspended', checked ? 'yes' : '')} />
            {input('probationMonths', 'step-probation', t('prosecution.probationMonths'), true)}
            {input('fineAmount', 'step-fine', t('prosecution.fineAmount'), true)}
            {input('currency', 'step-currency', t('prosecution.currency'), true, t('prosecution.currencyHint'))}
          </>
        ) : null}
        {kind === 'appeal' ? (
          <>
            {select('verdictId', 'step-verdict', t('prosecution.verdictAppealed'), verdicts.map((step) => ({ value: step.id, label: stepName(step) })))}
            {select('appellant', 'step-appellant', t('prosecution.appellant'), appellants.map((value) => ({ value, label: labels.appellant(value) })))}
          </>
        ) : null}
        {kind === 'appeal_decision' ? (
          <>
            {select('appealId', 'step-appeal', t('prosecution.appealDecided'), appeals.map((step) => ({ value: step.id, label: t('prosecution.appealOption', { date: labels.date(step.occurredOn), appellant: labels.appellant(step.appellant) }) })))}
            {select('outcome', 'step-outcome', t('prosecution.outcome'), appealOutcomes.map((value) => ({ value, label: labels.appealOutcome(value) })))}
          </>
        ) : null}
        {kind === 'assets_seized' || kind === 'assets_confiscated' || kind === 'compensation_paid' ? (
          <>
            {input('amount', 'step-amount', t('prosecution.amount'))}
            {input('currency', 'step-currency', t('prosecution.currency'), false, t('prosecution.currencyHint'))}
            {input('description', 'step-description', t('prosecution.description'), true)}
          </>
        ) : null}
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('prosecution.recordStepSubmit')}
        </button>
      </form>
    </>
  );
}
