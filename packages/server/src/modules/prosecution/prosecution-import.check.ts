import { createOperationRequest, createSuspectRequest, importProblemCode, importProblemParams, type ImportProblemCode, type ImportProblemParams, type ImportRowProblem, type ProsecutionStepKind } from '@palermo/contracts';
import { allows, type Subject } from '../../platform/access/rules.js';
import { HttpError } from '../../platform/http/errors.js';
import { contractIssueCode } from '../../platform/imports/row-reader.js';
import type { PlannedDefendant } from './prosecution-import.plan.js';
import { stepRules } from './prosecution.policy.js';
import { factsOf } from './prosecution.repo.js';
import { checkStep, stepData, type RecordedStep } from './prosecution.steps.js';

/** The file's field a suspect's contract field comes from. */
const suspectFields: Record<string, string> = { givenName: 'givenName', familyName: 'familyName', birthDate: 'birthDate', identityNumber: 'identityNumber', aliases: 'pseudonym' };

const stepWords = (kind: string) => kind.replace(/_/gu, ' ');

/**
 * Checks planned defendants as the services check what is recorded one by one: the request contracts (names, dates
 * not in the future, roles), a referral not before its investigation, the same defendant only once per operation, who
 * may record each step (stepRules, against the agency, office and court the row names) and every step against the
 * ones before it (checkStep of prosecution.steps.ts). Returns every problem, each with its row and field; nothing is
 * written by this.
 */
export function checkPlannedDefendants(defendants: readonly PlannedDefendant[], recorderFor: (kind: ProsecutionStepKind) => Subject): ImportRowProblem[] {
  const problems: ImportRowProblem[] = [];
  const problem = (row: number, field: string, text: string, code: ImportProblemCode = 'invalid-value', params: ImportProblemParams = {}) => problems.push({ row, column: null, field, problem: text, code, params });
  const contractProblem = (row: number, field: string, issue: { readonly message: string } | undefined) => {
    const { code, params } = contractIssueCode(issue ?? {});
    problem(row, field, issue?.message ?? 'is not valid', code, params);
  };
  const seen = new Map<string, number>();
  for (const d of defendants) {
    const name = createOperationRequest.shape.name.safeParse(d.operation.name);
    if (!name.success) contractProblem(d.row, 'operationName', name.error.issues[0]);
    const started = createOperationRequest.shape.startedOn.safeParse(d.operation.startedOn);
    if (!started.success) contractProblem(d.row, 'operationStartedOn', started.error.issues[0]);
    if (d.investigation.referredOn !== null && d.investigation.referredOn < d.investigation.openedOn) {
      problem(d.row, 'referredOn', `referral to prosecution: the date ${d.investigation.referredOn} is before the investigation was opened (${d.investigation.openedOn})`, 'referral-before-opening', { date: d.investigation.referredOn, opened: d.investigation.openedOn });
    }
    const suspect = createSuspectRequest.safeParse(d.suspect);
    if (!suspect.success) {
      for (const issue of suspect.error.issues) {
        const path = issue.path.map(String);
        contractProblem(d.row, path[0] === 'identity' ? (suspectFields[path[1] ?? ''] ?? 'identity') : (path[0] ?? 'row'), issue);
      }
    }
    const key = `${d.operation.agencyId}\u0000${d.operation.key}\u0000${d.key}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) problem(d.row, 'defendantReference', `the same defendant of operation ${d.operation.key} is already on row ${earlier}`, 'duplicate-defendant', { operation: d.operation.key, earlierRow: earlier });
    else seen.set(key, d.row);

    const court = d.steps.find((s) => s.input.kind === 'prosecution')?.input;
    const facts = factsOf(d.operation.agencyId, [d.investigation.officeId], [court && court.kind === 'prosecution' ? court.courtOrganisationId : null]);
    const recorded: RecordedStep[] = [];
    for (const step of d.steps) {
      if (!allows(stepRules[step.input.kind], recorderFor(step.input.kind), facts)) {
        problem(d.row, step.field, `${stepWords(step.input.kind)}: you may not record this step for this defendant (it belongs to ${step.input.kind === 'arrest' ? 'the recording agency' : 'the prosecution office the investigation was referred to, or the court'})`, 'step-not-allowed', { step: step.input.kind, owner: step.input.kind === 'arrest' ? 'agency' : 'office' });
        continue;
      }
      try {
        checkStep(recorded, step.input);
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        const issue = error.issues?.[0];
        const code = importProblemCode.safeParse(issue?.code);
        const params = importProblemParams.safeParse(issue?.params);
        problem(d.row, step.field, issue?.problem ?? error.message, code.success ? code.data : 'invalid-value', code.success && params.success ? params.data : {});
        continue;
      }
      const { refId, data } = stepData(step.input);
      recorded.push({ id: step.id, kind: step.input.kind, occurredOn: step.input.occurredOn, refId, data });
    }
  }
  return problems;
}
