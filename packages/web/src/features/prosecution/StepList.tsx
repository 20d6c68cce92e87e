import { useTranslation } from 'react-i18next';
import type { StepView } from '@palermo/contracts';
import { isolate } from '../../i18n/isolate';
import { useProsecutionLabels } from './labels';

/** The funnel's steps in the order they happened (then the order recorded). */
export function orderedSteps(steps: readonly StepView[]): StepView[] {
  return [...steps].sort((a, b) => a.occurredOn.localeCompare(b.occurredOn) || a.recordedAt.localeCompare(b.recordedAt));
}

/** A charge named by its provision (as typed, isolated in the sentence) and category, in words. */
export function useChargeName() {
  const labels = useProsecutionLabels();
  return (provision: string | undefined, category: string | undefined) => `${isolate(provision ?? '')} (${labels.category(category)})`;
}

function useMoney() {
  const { i18n } = useTranslation();
  return (amount: number | undefined, currency: string | undefined) => {
    if (amount === undefined) return '';
    try {
      return new Intl.NumberFormat(i18n.language, currency ? { style: 'currency', currency } : {}).format(amount);
    } catch {
      return new Intl.NumberFormat(i18n.language).format(amount);
    }
  };
}

export function StepList({ steps }: { steps: readonly StepView[] }) {
  const { t } = useTranslation();
  const labels = useProsecutionLabels();
  const charge = useChargeName();
  const money = useMoney();
  const byId = new Map(steps.map((step) => [step.id, step]));

  function describe(step: StepView): string[] {
    const ref = step.refId ? byId.get(step.refId) : undefined;
    switch (step.kind) {
      case 'charge':
        return [t('prosecution.stepText.charge', { charge: charge(step.provision, step.category) })];
      case 'prosecution':
        return [t('prosecution.stepText.prosecution', { court: step.courtName ?? '' })];
      case 'plea':
        return [t('prosecution.stepText.plea', { plea: labels.plea(step.plea) })];
      case 'verdict': {
        const lines = [t('prosecution.stepText.verdict', { outcome: labels.verdict(step.outcome), charge: charge(step.provision, step.category) })];
        // The offence convicted, only where it differs from the offence charged.
        const differs = (step.convictedProvision ?? step.provision) !== step.provision || (step.convictedCategory ?? step.category) !== step.category;
        if (differs) {
          lines.push(t('prosecution.stepText.convictedOf', { charge: charge(step.convictedProvision ?? step.provision, step.convictedCategory ?? step.category) }));
        }
        if (step.downgraded) lines.push(t('prosecution.stepText.downgraded'));
        return lines;
      }
      case 'sentence': {
        const parts = [t('prosecution.stepText.custody', { count: step.custodialMonths ?? 0 })];
        if (step.suspended) parts.push(t('prosecution.stepText.suspended'));
        if (step.probationMonths) parts.push(t('prosecution.stepText.probation', { count: step.probationMonths }));
        if (step.fineAmount !== undefined) parts.push(t('prosecution.stepText.fine', { amount: money(step.fineAmount, step.currency) }));
        return parts;
      }
      case 'appeal':
        return [
          t('prosecution.stepText.appeal', {
            appellant: labels.appellant(step.appellant),
            date: ref ? labels.date(ref.occurredOn) : '',
            charge: ref ? charge(ref.provision, ref.category) : '',
          }),
        ];
      case 'appeal_decision':
        return [t('prosecution.stepText.appealDecision', { outcome: labels.appealOutcome(step.outcome), date: ref ? labels.date(ref.occurredOn) : '' })];
      case 'assets_seized':
      case 'assets_confiscated':
      case 'compensation_paid':
        return [money(step.amount, step.currency), step.description ?? ''].filter(Boolean);
      default:
        return [];
    }
  }

  if (steps.length === 0) return <p>{t('prosecution.noSteps')}</p>;
  return (
    <ol className="plain-list prosecution-steps">
      {orderedSteps(steps).map((step) => (
        <li key={step.id} className="card">
          <h3>
            <time dateTime={step.occurredOn}>{labels.date(step.occurredOn)}</time>: {labels.step(step.kind)}
          </h3>
          {describe(step).map((line) => (
            <p key={line}>
              <bdi>{line}</bdi>
            </p>
          ))}
        </li>
      ))}
    </ol>
  );
}
