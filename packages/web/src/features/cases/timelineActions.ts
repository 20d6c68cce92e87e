import type { TFunction } from 'i18next';

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
