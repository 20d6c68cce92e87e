import {
  formsOfExploitation,
  genders,
  stratifiedEstimateView,
  type EstimateStrataFromCasesRequest,
  type EstimateStrataFromCsvRequest,
  type StratifiedEstimateView,
  type StrataVariable,
} from '@palermo/contracts';
import type { TFunction } from 'i18next';
import { api } from '../../app/api';

export function estimateStrataFromCases(request: EstimateStrataFromCasesRequest): Promise<StratifiedEstimateView> {
  return api.post('/api/estimation/strata/from-cases', request, stratifiedEstimateView);
}

export function estimateStrataFromCsv(request: EstimateStrataFromCsvRequest): Promise<StratifiedEstimateView> {
  return api.post('/api/estimation/strata/from-csv', request, stratifiedEstimateView);
}

/** What a stratum is called in the user's language: vocabulary values by label; a file's own values as written. */
export function stratumLabel(t: TFunction, view: Pick<StratifiedEstimateView, 'source' | 'by'>, stratum: string): string {
  if (view.source === 'upload') return stratum;
  if (stratum === 'child' || stratum === 'adult' || stratum === 'several' || stratum === 'unknown') return t(`estimation.strata.values.${stratum}`);
  const gender = genders.find((value) => value === stratum);
  if (view.by === 'sex' && gender) return t(`genders.${gender}`);
  const form = formsOfExploitation.find((value) => value === stratum);
  if (view.by === 'form' && form) return t(`exploitation.${form}`);
  return stratum;
}

export function variableLabel(t: TFunction, view: Pick<StratifiedEstimateView, 'source' | 'by'>): string {
  if (view.source === 'upload') return view.by;
  return t(`estimation.strata.by.${view.by as StrataVariable}`);
}

/** The columns of a CSV's first line (a stratum column is chosen among them). */
export function headerColumns(text: string): string[] {
  const first = text.replace(/^\uFEFF/u, '').split(/\r?\n/u)[0] ?? '';
  return first
    .split(',')
    .map((column) => column.trim().replace(/^"(.*)"$/u, '$1'))
    .filter((column) => column !== '');
}
