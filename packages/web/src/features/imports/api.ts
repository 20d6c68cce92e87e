import { importJobView, importStarted, type FunnelLanguage, type ImportJobView, type ImportSource } from '@palermo/contracts';
import { api, uploadFile, withQuery } from '../../app/api';

export function startImport(source: ImportSource, file: File): Promise<string> {
  return uploadFile(`/api/imports/${source}`, file, importStarted).then((started) => started.jobId);
}

export function loadJob(id: string): Promise<ImportJobView> {
  return api.get(`/api/imports/jobs/${id}`, importJobView);
}


export function glotipExportUrl(country: string, population: string): string {
  return withQuery('/api/exports/glotip', { country: country.trim(), population: population.trim() || undefined });
}

/** The GLOTIP offender tables from the prosecution records (perturbed), labelled in the reader's language. */
export function glotipOffendersUrl(format: 'csv' | 'xlsx', language: FunnelLanguage): string {
  return withQuery('/api/exports/glotip/offenders', { format, language });
}
