import type { AddCaseRecord } from './case-record.contracts.js';

const words = (code: string) => code.replaceAll('_', ' ');

/**
 * The timeline's line for a new record: codes and counts only, never the notes or anything that identifies the person
 * (the timeline is shown to everyone who may read the case's records, and in part to partner organisations).
 */
export function timelineSummary(input: AddCaseRecord): string {
  const correction = 'supersedesId' in input && input.supersedesId !== undefined ? 'correction: ' : '';
  return `${correction}${describe(input)}`;
}

function describe(input: AddCaseRecord): string {
  switch (input.kind) {
    case 'case_manager_assigned':
      return 'case manager assigned';
    case 'needs_assessment': {
      const count = input.data.needs.length;
      const urgent = input.data.needs.filter((n) => n.urgent).length;
      return `needs assessed: ${count} area${count === 1 ? '' : 's'}${urgent ? `, ${urgent} urgent` : ''}`;
    }
    case 'assistance_goal':
      return `assistance goal chosen by the person (${words(input.data.domain)}): ${words(input.data.status)}`;
    case 'service_delivered':
      return `service delivered: ${words(input.data.serviceType)} (${words(input.data.domain)})`;
    case 'follow_up':
      return `follow-up (${words(input.data.milestone)}): ${words(input.data.outcome)}`;
    case 'risk_assessment':
      return `risk and security assessment${input.data.forReturn ? ' for return' : ''}: ${input.data.level}`;
    case 'residence_status':
      return `residence status: ${words(input.data.status)}`;
    case 'non_punishment':
      return `non-punishment: proceedings ${words(input.data.proceedingsStatus)}, outcome ${words(input.data.outcome)}`;
    case 'compensation_claim':
      return `compensation claim (${words(input.data.route)}): ${words(input.data.status)}`;
    case 'best_interests_assessment':
      return `best-interests assessment: ${words(input.data.outcome)}`;
    case 'guardian_appointed':
      return `guardian appointed (${words(input.data.guardianType)})`;
    case 'return_decision':
      return `return decision: ${words(input.data.decision)}`;
    case 'counselling_note':
      return "counselling note added (readable by the author's organisation only)";
    case 'health_note':
      return "health note added (readable by the author's organisation only)";
  }
}
