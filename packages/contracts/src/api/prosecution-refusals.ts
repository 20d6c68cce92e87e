import { z } from 'zod';
import { isoDate } from './common.js';
import { prosecutionStepKinds } from '../vocabularies/prosecution.js';

/**
 * Why a step of a suspect's funnel was refused, as a stable code a client words in its reader's language (the
 * `problem` stays in English for API users and the record). Each refusal is one issue of the 400 answer:
 * `{ field, problem, code, params: { step, ... } }`, on the field it is about.
 * - `no-charge`: a prosecution with no charge recorded.
 * - `not-prosecuted`: a plea or a trial before any prosecution.
 * - `no-such-charge`: a verdict on a charge the suspect does not have.
 * - `charge-has-verdict`: a second verdict on the same charge (an appeal changes it).
 * - `convicted-only-with-conviction`: an offence convicted given with an acquittal or a dismissal.
 * - `conviction-without-prosecution`, `acquittal-without-prosecution`: a verdict before any prosecution.
 * - `no-conviction`: a sentence with no conviction recorded.
 * - `fine-currency`: a fine without its currency.
 * - `no-such-verdict`: an appeal of a verdict never recorded (an acquittal, say).
 * - `no-such-appeal`: a decision on an appeal never lodged.
 * - `appeal-decided`: a second decision on the same appeal.
 * - `date-before-earlier-step`: dated before the step it follows (`date`, `earlierStep`, `earlierDate` say which).
 * - `future-date`: dated in the future (refused by the contract itself, before the sequence is read).
 */
export const stepRefusalCodes = [
  'no-charge',
  'not-prosecuted',
  'no-such-charge',
  'charge-has-verdict',
  'convicted-only-with-conviction',
  'conviction-without-prosecution',
  'acquittal-without-prosecution',
  'no-conviction',
  'fine-currency',
  'no-such-verdict',
  'no-such-appeal',
  'appeal-decided',
  'date-before-earlier-step',
  'future-date',
] as const;
export const stepRefusalCode = z.enum(stepRefusalCodes);
export type StepRefusalCode = z.infer<typeof stepRefusalCode>;

/** What a refusal names: the step refused and, for a date out of order, the dates and the earlier step. */
export const stepRefusalParams = z.object({
  step: z.enum(prosecutionStepKinds),
  date: isoDate.optional(),
  earlierStep: z.enum(prosecutionStepKinds).optional(),
  earlierDate: isoDate.optional(),
});
export type StepRefusalParams = z.infer<typeof stepRefusalParams>;

/** One refusal as an issue of the 400 answer. */
export const stepRefusal = z.object({
  field: z.string(),
  /** In English, naming the step ("verdict: a conviction without a prosecution; ..."), for clients that do not translate. */
  problem: z.string(),
  code: stepRefusalCode,
  params: stepRefusalParams,
});
export type StepRefusal = z.infer<typeof stepRefusal>;
