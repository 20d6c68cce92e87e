import {
  statisticsFilters,
  statisticsOptions,
  statisticsRefreshResult,
  statisticsReport,
  type StatisticsFilters,
  type StatisticsOptions,
  type StatisticsRefreshResult,
  type StatisticsReport,
} from '@palermo/contracts';
import { api } from '../../app/api';

/** The filters the page keeps in its address (URL search parameters), in the order they are written. */
export const filterKeys = ['dataset', 'yearFrom', 'yearTo', 'sex', 'ageBand', 'form', 'citizenship', 'countryOfExploitation', 'referringOrganisationType'] as const;
export type FilterKey = (typeof filterKeys)[number];

/** Filters read from the address; anything invalid there is dropped rather than sent. */
export function filtersFrom(params: URLSearchParams): StatisticsFilters {
  const raw: Record<string, string> = {};
  for (const key of filterKeys) {
    const value = params.get(key);
    if (value !== null && value !== '') raw[key] = value;
  }
  const parsed = statisticsFilters.safeParse(raw);
  if (parsed.success) return parsed.data;
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (statisticsFilters.safeParse({ [key]: value }).success) kept[key] = value;
  }
  return statisticsFilters.safeParse(kept).data ?? {};
}

export function queryOf(filters: StatisticsFilters): string {
  const params = new URLSearchParams();
  for (const key of filterKeys) {
    const value = filters[key];
    if (value !== undefined) params.set(key, String(value));
  }
  return params.toString();
}

export function loadStatisticsOptions(dataset: string | undefined): Promise<StatisticsOptions> {
  return api.get(`/api/statistics/options${dataset ? `?dataset=${encodeURIComponent(dataset)}` : ''}`, statisticsOptions);
}

export function loadStatistics(filters: StatisticsFilters): Promise<StatisticsReport> {
  const query = queryOf(filters);
  return api.get(`/api/statistics${query ? `?${query}` : ''}`, statisticsReport);
}

/** How a download writes values: labels in the page's language beside the codes, or codes only. */
export type DownloadValues = 'labels' | 'codes';

export function downloadHref(filters: StatisticsFilters, format: 'csv' | 'xlsx', values: DownloadValues = 'codes', language = 'en'): string {
  const query = queryOf(filters);
  const written = values === 'labels' ? `&values=labels&language=${encodeURIComponent(language)}` : '';
  return `/api/statistics/download?format=${format}${written}${query ? `&${query}` : ''}`;
}

export function refreshCountryStatistics(): Promise<StatisticsRefreshResult> {
  return api.post('/api/statistics/refresh', {}, statisticsRefreshResult);
}
