import type { TFunction } from 'i18next';
import { measureText } from './sopWords';

/** Names of the timeline's action codes; an unknown code is shown as it is. */
const actions: Record<string, (t: TFunction) => string> = {
  'case.opened': (t) => t('timelineActions.opened'),
  'case.screened': (t) => t('timelineActions.screened'),
  'consent.recorded': (t) => t('timelineActions.consent'),
  'case.decision_requested': (t) => t('timelineActions.decisionRequested'),
  'decision.reasonable_grounds': (t) => t('timelineActions.reasonableGrounds'),
  'decision.conclusive_grounds': (t) => t('timelineActions.conclusiveGrounds'),
  'decision.reconsideration': (t) => t('timelineActions.reconsideration'),
  'measure.done': (t) => t('timelineActions.measureDone'),
  'match.requested': (t) => t('timelineActions.matchRequested'),
  'case.closed': (t) => t('timelineActions.closed'),
  'case.closure_requested': (t) => t('supervision.closureRequested'),
  'referral.sent': (t) => t('timelineActions.referralSent'),
  'referral.transfer_offered': (t) => t('timelineActions.transferOffered'),
  'referral.accepted': (t) => t('timelineActions.referralAccepted'),
  'referral.transfer_accepted': (t) => t('timelineActions.transferAccepted'),
  'referral.declined': (t) => t('timelineActions.referralDeclined'),
  'referral.completed': (t) => t('timelineActions.referralCompleted'),
  'referral.withdrawn': (t) => t('timelineActions.referralWithdrawn'),
};

export function timelineAction(t: TFunction, action: string): string {
  const known = actions[action];
  if (known) return known(t);
  if (action.startsWith('record.')) return t('timelineActions.record');
  return action;
}

type Loose = (key: string, options?: Record<string, string>) => string;

/**
 * A timeline entry as one sentence in the reader's language: who, from which organisation, did what, with the
 * action's facts (server: case-timeline-facts.ts) put in words. A fact without a translation falls back to the
 * action's name alone, so that no code reaches the reader.
 */
export function timelineSentence(
  t: TFunction,
  exists: (key: string) => boolean,
  entry: { action: string; actorName: string; organisationName: string; facts?: Record<string, string> | undefined },
): string {
  const say = t as unknown as Loose;
  const facts = entry.facts ?? {};
  const who = { actor: entry.actorName, organisation: entry.organisationName };
  const label = (group: string, code: string | undefined): string | undefined => {
    if (code === undefined) return undefined;
    const key = `${group}.${code}`;
    return exists(key) ? say(key) : undefined;
  };
  const sentence = (key: string, values: Record<string, string | undefined>): string | undefined => {
    if (Object.values(values).some((v) => v === undefined)) return undefined;
    return say(`timelineSentences.${key}`, { ...who, ...(values as Record<string, string>) });
  };
  const service = facts['service'] === 'case_management' ? label('timelineSentences', 'caseManagement') : label('services', facts['service']);
  let text: string | undefined;
  switch (entry.action) {
    case 'case.opened':
      text = sentence(facts['anonymous'] === 'true' ? 'openedAnonymous' : 'opened', {});
      break;
    case 'case.screened':
      text = sentence('screened', { checklist: label('indicators', facts['checklist'] ? `${facts['checklist']}.title` : undefined), suggestion: label('screeningSuggestions', facts['suggestion']) });
      break;
    case 'consent.recorded':
      text = facts['organisation']
        ? sentence('consentTo', { target: facts['organisation'], status: label('consentStatuses', facts['status']), method: label('consentMethods', facts['method']) })
        : sentence('consent', { purpose: label('consentPurposes', facts['purpose']), status: label('consentStatuses', facts['status']), method: label('consentMethods', facts['method']) });
      break;
    case 'case.decision_requested':
      text = sentence('decisionRequested', {});
      break;
    case 'decision.reasonable_grounds':
    case 'decision.conclusive_grounds':
    case 'decision.reconsideration':
      text = sentence('decision', { kind: label('decisionKinds', entry.action.slice('decision.'.length)), outcome: label('decisionOutcomes', facts['outcome']) });
      break;
    case 'measure.done':
      text = sentence('measureDone', { measure: facts['measure'] === undefined ? undefined : measureText(t, exists, facts['measureKey'] ?? '', 'title', facts['measure'], facts['measureKey'] !== undefined) });
      break;
    case 'match.requested':
      text = sentence('matchRequested', {});
      break;
    case 'case.closed':
      text = sentence(facts['referred'] === 'true' ? 'closedReferred' : 'closed', {});
      break;
    case 'referral.sent':
      text = sentence('referralSent', { target: facts['organisation'], service, urgency: label('referralUrgencies', facts['urgency']) });
      break;
    case 'referral.transfer_offered':
      text = sentence('transferOffered', { target: facts['organisation'] });
      break;
    case 'referral.accepted':
      text = sentence('referralAccepted', { service });
      break;
    case 'referral.transfer_accepted':
      text = sentence('transferAccepted', {});
      break;
    case 'referral.declined':
      text = sentence('referralDeclined', { service });
      break;
    case 'referral.completed':
      text = sentence('referralCompleted', { service });
      break;
    case 'referral.withdrawn':
      text = sentence('referralWithdrawn', { target: facts['organisation'] });
      break;
    default:
      if (entry.action.startsWith('record.')) {
        text = sentence(facts['correction'] === 'true' ? 'recordCorrected' : 'record', { kind: label('recordKinds', facts['kind']) });
      }
  }
  return text ?? say('timelineSentences.generic', { ...who, action: timelineAction(t, entry.action) });
}
