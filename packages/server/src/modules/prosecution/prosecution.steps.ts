import { chargeSeverity, type ChargeCategory, type ProsecutionStepKind, type RecordStepRequest, type StepRefusalCode } from '@palermo/contracts';
import { HttpError } from '../../platform/http/errors.js';

/** A step already recorded for the suspect, as the sequence checks read it. */
export interface RecordedStep {
  readonly id: string;
  readonly kind: string;
  readonly occurredOn: string;
  readonly refId: string | null;
  readonly data: Readonly<Record<string, unknown>>;
}

const stepNames: Record<RecordStepRequest['kind'], string> = {
  arrest: 'arrest',
  charge: 'charge',
  prosecution: 'prosecution',
  plea: 'plea',
  trial: 'trial',
  verdict: 'verdict',
  sentence: 'sentence',
  appeal: 'appeal',
  appeal_decision: 'appeal decision',
  assets_seized: 'assets seized',
  assets_confiscated: 'assets confiscated',
  compensation_paid: 'compensation paid',
};

/**
 * A 400 naming the step: the problem in English for API users, and the stable code (stepRefusalCodes) with the step
 * and any dates, from which a client words it in its reader's language.
 */
function refused(kind: RecordStepRequest['kind'], field: string, code: StepRefusalCode, problem: string, more: Readonly<Record<string, string>> = {}): HttpError {
  const words = `${stepNames[kind]}: ${problem}`;
  return new HttpError(400, 'validation', `${field}: ${words}`, [{ field, problem: words, code, params: { step: kind, ...more } }]);
}

/** Not before an earlier step it depends on (dates compare as ISO strings). */
function notBefore(kind: RecordStepRequest['kind'], date: string, earlier: RecordedStep, what: string): void {
  if (date < earlier.occurredOn) {
    throw refused(kind, 'occurredOn', 'date-before-earlier-step', `the date ${date} is before the ${what} it follows (${earlier.occurredOn})`, {
      date,
      earlierStep: earlier.kind as ProsecutionStepKind,
      earlierDate: earlier.occurredOn,
    });
  }
}

const first = (steps: readonly RecordedStep[], kind: string) =>
  steps.filter((s) => s.kind === kind).sort((a, b) => a.occurredOn.localeCompare(b.occurredOn))[0];

/**
 * Refuses a step that cannot follow the suspect's recorded steps, with a message naming the step and what is missing
 * or out of order: a prosecution without a charge, a plea, trial or conviction without a prosecution, a verdict on a
 * charge that does not exist (or that already has one), a sentence without a conviction or before its verdict, an
 * appeal of a verdict never recorded, a decision on an appeal never lodged. Dates in the future are refused by the
 * contract, naming the step too.
 */
export function checkStep(steps: readonly RecordedStep[], input: RecordStepRequest): void {
  const { kind, occurredOn } = input;
  const prosecution = first(steps, 'prosecution');
  switch (input.kind) {
    case 'arrest':
    case 'charge':
    case 'assets_seized':
    case 'assets_confiscated':
    case 'compensation_paid':
      return;
    case 'prosecution': {
      const charge = first(steps, 'charge');
      if (!charge) throw refused(kind, 'kind', 'no-charge', 'no charge is recorded for this suspect; record the charges first');
      notBefore(kind, occurredOn, charge, 'first charge');
      return;
    }
    case 'plea':
    case 'trial':
      if (!prosecution) throw refused(kind, 'kind', 'not-prosecuted', 'the suspect has not been prosecuted; record the prosecution first');
      notBefore(kind, occurredOn, prosecution, 'prosecution');
      return;
    case 'verdict': {
      const charge = steps.find((s) => s.id === input.chargeId && s.kind === 'charge');
      if (!charge) throw refused(kind, 'chargeId', 'no-such-charge', 'there is no such charge against this suspect; record the charge first');
      if (steps.some((s) => s.kind === 'verdict' && s.refId === charge.id)) throw refused(kind, 'chargeId', 'charge-has-verdict', 'this charge already has a verdict; an appeal changes it');
      if (input.outcome !== 'convicted' && (input.convictedProvision !== undefined || input.convictedCategory !== undefined)) {
        throw refused(kind, 'convictedProvision', 'convicted-only-with-conviction', 'an offence convicted is recorded only with a conviction');
      }
      if (input.outcome !== 'dismissed' && !prosecution) {
        const convicted = input.outcome === 'convicted';
        throw refused(kind, 'outcome', convicted ? 'conviction-without-prosecution' : 'acquittal-without-prosecution', `${convicted ? 'a conviction' : 'an acquittal'} without a prosecution; record the prosecution first`);
      }
      notBefore(kind, occurredOn, charge, 'charge');
      if (prosecution) notBefore(kind, occurredOn, prosecution, 'prosecution');
      return;
    }
    case 'sentence': {
      const convictions = steps.filter((s) => s.kind === 'verdict' && s.data.outcome === 'convicted');
      if (convictions.length === 0) throw refused(kind, 'kind', 'no-conviction', 'no conviction is recorded for this suspect; record the verdict first');
      const latest = convictions.reduce((a, b) => (a.occurredOn >= b.occurredOn ? a : b));
      if (occurredOn < latest.occurredOn) {
        throw refused(kind, 'occurredOn', 'date-before-earlier-step', `the date ${occurredOn} is before its verdict (${latest.occurredOn})`, {
          date: occurredOn,
          earlierStep: 'verdict',
          earlierDate: latest.occurredOn,
        });
      }
      if (input.fineAmount !== undefined && input.currency === undefined) throw refused(kind, 'currency', 'fine-currency', 'a fine needs its currency');
      return;
    }
    case 'appeal': {
      const verdict = steps.find((s) => s.id === input.verdictId && s.kind === 'verdict');
      if (!verdict) throw refused(kind, 'verdictId', 'no-such-verdict', 'there is no such verdict for this suspect; record the verdict before its appeal');
      notBefore(kind, occurredOn, verdict, 'verdict');
      return;
    }
    case 'appeal_decision': {
      const appeal = steps.find((s) => s.id === input.appealId && s.kind === 'appeal');
      if (!appeal) throw refused(kind, 'appealId', 'no-such-appeal', 'there is no such appeal for this suspect; record the appeal first');
      if (steps.some((s) => s.kind === 'appeal_decision' && s.refId === appeal.id)) throw refused(kind, 'appealId', 'appeal-decided', 'this appeal was already decided');
      notBefore(kind, occurredOn, appeal, 'appeal');
      return;
    }
  }
}

/** Convicted of a less serious offence than charged (a trafficking charge ending in a smuggling conviction). */
export function isDowngrade(charged: string | undefined, convicted: string | undefined): boolean {
  if (!charged || !convicted || !(charged in chargeSeverity) || !(convicted in chargeSeverity)) return false;
  return chargeSeverity[convicted as ChargeCategory] < chargeSeverity[charged as ChargeCategory];
}

/** The step's own fields, stored as its data (the kind, date and the step it names are columns). */
export function stepData(input: RecordStepRequest): { refId: string | null; data: Record<string, unknown> } {
  const ref = 'chargeId' in input ? input.chargeId : 'verdictId' in input ? input.verdictId : 'appealId' in input ? input.appealId : null;
  const data: Record<string, unknown> = { ...input };
  delete data.kind;
  delete data.occurredOn;
  delete data.chargeId;
  delete data.verdictId;
  delete data.appealId;
  return { refId: ref, data };
}
