import { has, type Scenario } from './need-to-know.scenarios.js';

/**
 * A determinants assessment names no one: the rapporteur who records it, the coordinator and the national
 * administrator see all of it; no one else anything of it (civil society included).
 */
export function brokenDeterminantPromises(s: Scenario, v: { readonly determinantAssessment: Set<string> }, all: { readonly determinantAssessment: Set<string> }): string[] {
  const broken: string[] = [];
  const whole = has(s.roles, 'national_rapporteur', 'national_coordinator', 'national_admin');
  if (whole && v.determinantAssessment.size !== all.determinantAssessment.size) broken.push('the rapporteur, the coordinator and the national administrator see the whole determinants assessment');
  if (!whole && v.determinantAssessment.size > 0) broken.push('no one else sees determinants assessments');
  if (all.determinantAssessment.size === 0) broken.push('a determinants assessment shows fields');
  return broken;
}
