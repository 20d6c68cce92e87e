import { funnelFilters, funnelReport, type FunnelFilters, type FunnelLanguage, type FunnelReport } from '@palermo/contracts';
import { api } from '../../app/api';

/** The filters the page keeps in its address, in the order they are written. */
export const funnelFilterKeys = ['yearFrom', 'yearTo', 'form', 'sex', 'citizenship'] as const;
export type FunnelFilterKey = (typeof funnelFilterKeys)[number];

/** Filters read from the address; a value the contract refuses is dropped rather than sent. */
export function funnelFiltersFrom(params: URLSearchParams): FunnelFilters {
  const kept: Record<string, string> = {};
  for (const key of funnelFilterKeys) {
    const value = params.get(key);
    if (value !== null && value !== '' && funnelFilters.safeParse({ [key]: value }).success) kept[key] = value;
  }
  return funnelFilters.safeParse(kept).data ?? {};
}

export function funnelQueryOf(filters: FunnelFilters): string {
  const params = new URLSearchParams();
  for (const key of funnelFilterKeys) {
    const value = filters[key];
    if (value !== undefined) params.set(key, String(value));
  }
  return params.toString();
}

export function loadFunnel(filters: FunnelFilters): Promise<FunnelReport> {
  const query = funnelQueryOf(filters);
  return api.get(`/api/prosecution/funnel${query ? `?${query}` : ''}`, funnelReport);
}

export function funnelDownloadHref(filters: FunnelFilters, format: 'csv' | 'xlsx', language: FunnelLanguage): string {
  const query = funnelQueryOf(filters);
  return `/api/prosecution/funnel/download?format=${format}&language=${language}${query ? `&${query}` : ''}`;
}

// Kept apart (permissions.ts) so that the navigation does not carry this page's schemas in the first load.
export { canSeeProsecutionFunnel } from './permissions';
