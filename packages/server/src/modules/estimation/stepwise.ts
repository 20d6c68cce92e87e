/**
 * Forward stepwise selection of two-list interactions, as SparseMSE's `stepwisefit` (Chan, Silverman & Vincent):
 * start from main effects; at each step compute a p-value for every interaction not yet in the model, add the one
 * with the smallest p-value if it is below the threshold (ties, to within rounding: the earlier pair in column
 * order), and stop when none is. A pair of lists that never overlap is a candidate like any other; added, its
 * interaction is fitted as minus infinity (see loglinear.ts). A term whose model would not be estimable (an MLE
 * that does not exist, or a model that is not identifiable) is not added at that step and is reported as excluded.
 *
 * Tests:
 * - `poisson` (default, SparseMSE's): n = people on both lists; under the current model n is Poisson with mean m =
 *   the sum of the fitted values of the cells containing both lists. p = min(P(N <= n), P(N >= n)), a one-sided
 *   Poisson tail in whichever direction the data lie. It needs no fit of the larger model, and it stays valid when
 *   the added coefficient would sit near the boundary, where Wald tests break down (Hauck-Donner effect).
 * - `lrt`: likelihood-ratio test, deviance drop on adding the term against chi-squared with 1 df.
 */
import { EstimationError, el } from './errors.js';
import { checkModel, type ModelProblem } from './existence.js';
import { chiSquared1UpperTail, poissonLowerTail, poissonUpperTail } from './distributions.js';
import { fitLogLinear, termName, type LogLinearFit, type Term } from './loglinear.js';
import { overlapCount, type OverlapTable } from './overlap-table.js';

export type SelectionTest = 'poisson' | 'lrt';

export interface SelectionStep {
  readonly step: number;
  readonly term: string;
  readonly pValue: number;
  /** False for the last step: the best remaining term, not added because its p-value is not below the threshold. */
  readonly added: boolean;
  /** People on both lists. */
  readonly observedOverlap: number;
  /** Their number expected under the model before this step. */
  readonly expectedOverlap: number;
  /** Deviance drop on adding the term (likelihood-ratio test only). */
  readonly devianceDrop?: number;
}

export interface ExcludedTerm {
  readonly term: string;
  readonly problem: ModelProblem;
  readonly message: string;
  /** The step at which the term was considered and refused (0: before selection started). */
  readonly step: number;
}

export interface StepwiseResult {
  readonly terms: readonly Term[];
  readonly steps: readonly SelectionStep[];
  readonly excluded: readonly ExcludedTerm[];
  readonly fit: LogLinearFit;
}

export function allPairs(k: number): Term[] {
  const pairs: Term[] = [];
  for (let a = 0; a < k - 1; a++) for (let b = a + 1; b < k; b++) pairs.push({ a, b });
  return pairs;
}

function expectedOverlap(fit: LogLinearFit, term: Term): number {
  const both = (1 << term.a) | (1 << term.b);
  let sum = 0;
  fit.design.masks.forEach((mask, r) => {
    if ((mask & both) === both) sum += el(fit.fitted, r);
  });
  return sum;
}

interface Candidate {
  readonly index: number;
  readonly term: Term;
  readonly pValue: number;
  readonly observed: number;
  readonly expected: number;
  readonly devianceDrop?: number;
  /** The fitted larger model, when the test needed it. */
  readonly fit?: LogLinearFit;
}

/** Smallest p-value first; p-values equal to within rounding (1e-9 relative) go in column order. */
function byPValueThenOrder(x: Candidate, y: Candidate): number {
  if (Math.abs(x.pValue - y.pValue) <= 1e-9 * Math.max(x.pValue, y.pValue)) return x.index - y.index;
  return x.pValue - y.pValue;
}

export function selectStepwise(table: OverlapTable, threshold: number, test: SelectionTest = 'poisson'): StepwiseResult {
  if (!(threshold > 0 && threshold <= 1)) throw new EstimationError(`the threshold must be between 0 and 1 (got ${threshold})`, 'bad-input');
  const name = (term: Term): string => termName(table.lists, term);
  const terms: Term[] = [];
  const steps: SelectionStep[] = [];
  /** The latest refusal of each term not in the model. */
  const refusals = new Map<Term, ExcludedTerm>();
  const refuse = (term: Term, step: number): boolean => {
    const check = checkModel(table, [...terms, term]);
    if (check.ok) return false;
    const context = terms.length > 0 ? `added to the model with ${terms.map(name).join(', ')}, ` : '';
    refusals.set(term, { term: name(term), problem: check.problem, message: `${context}${check.message}`, step });
    return true;
  };
  // Every pair is a candidate at every step, those that never overlap included: their p-value is P(N = 0) =
  // exp(-expected), and once added they are fitted as minus infinity. Whether a model can be estimated is checked
  // again at every step (leaving cells out for an empty interaction can make a refused term estimable later), but
  // only for the candidates in order of p-value until one passes: the same choice as SparseMSE, which checks them all.
  let remaining = allPairs(table.lists.length);
  let fit = fitLogLinear(table, terms);

  for (let step = 1; remaining.length > 0; step++) {
    const current = fit;
    const refused = new Set<Term>();
    const candidates: Candidate[] = [];
    for (const [index, term] of remaining.entries()) {
      const observed = overlapCount(table, term.a, term.b);
      const expected = expectedOverlap(current, term);
      if (test === 'poisson') {
        const pValue = Math.min(poissonLowerTail(observed, expected), poissonUpperTail(observed, expected));
        candidates.push({ index, term, pValue, observed, expected });
      } else if (refuse(term, step)) {
        refused.add(term);
      } else {
        const larger = fitLogLinear(table, [...terms, term]);
        const devianceDrop = Math.max(0, current.deviance - larger.deviance);
        candidates.push({ index, term, pValue: chiSquared1UpperTail(devianceDrop), observed, expected, devianceDrop, fit: larger });
      }
    }
    candidates.sort(byPValueThenOrder);
    let chosen: Candidate | undefined;
    for (const candidate of candidates) {
      if (!(candidate.pValue < threshold)) break;
      if (test === 'poisson' && refuse(candidate.term, step)) {
        refused.add(candidate.term);
        continue;
      }
      chosen = candidate;
      break;
    }
    if (!chosen) {
      const best = candidates.find((candidate) => !refused.has(candidate.term));
      if (best) steps.push(stepRecord(step, best, false, name));
      break;
    }
    remaining = remaining.filter((term) => term !== chosen.term);
    refusals.delete(chosen.term);
    terms.push(chosen.term);
    fit = chosen.fit ?? fitLogLinear(table, terms);
    steps.push(stepRecord(step, chosen, true, name));
  }
  return { terms, steps, excluded: [...refusals.values()], fit };
}

function stepRecord(step: number, candidate: Candidate, added: boolean, name: (term: Term) => string): SelectionStep {
  return {
    step,
    term: name(candidate.term),
    pValue: candidate.pValue,
    added,
    observedOverlap: candidate.observed,
    expectedOverlap: candidate.expected,
    ...(candidate.devianceDrop !== undefined ? { devianceDrop: candidate.devianceDrop } : {}),
  };
}
