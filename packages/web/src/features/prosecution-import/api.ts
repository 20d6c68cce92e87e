import {
  importFilePreview,
  importMappingList,
  importMappingView,
  prosecutionImportSummary,
  type ColumnMappingInput,
  type ImportFilePreview,
  type ImportMappingView,
  type ProsecutionImportSummary,
} from '@palermo/contracts';
import { api, uploadFile } from '../../app/api';

export function previewFile(file: File): Promise<ImportFilePreview> {
  return uploadFile('/api/prosecution/imports/preview', file, importFilePreview);
}

export async function listMappings(): Promise<ImportMappingView[]> {
  return (await api.get('/api/prosecution/import-mappings', importMappingList)).mappings;
}

export function saveMapping(name: string, mapping: ColumnMappingInput): Promise<ImportMappingView> {
  return api.post('/api/prosecution/import-mappings', { name, mapping }, importMappingView);
}

export function runImport(file: File, mapping: ColumnMappingInput): Promise<ProsecutionImportSummary> {
  return uploadFile('/api/prosecution/imports', file, prosecutionImportSummary, { 'x-import-mapping': encodeURIComponent(JSON.stringify(mapping)) });
}

// Kept apart (permissions.ts) so that the navigation does not carry this page's schemas in the first load.
export { canImportProsecutionHistory } from './permissions';
