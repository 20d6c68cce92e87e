import { importFilePreview, importRejection, recommendationImportResult, type ImportFilePreview, type ImportRejection, type RecommendationImportRequest, type RecommendationImportResult } from '@palermo/contracts';
import { z } from 'zod';
import { api, ApiError } from '../../app/api';

/** A chosen file as the import sends it: its name and its bytes in base64. */
export async function fileContent(file: File): Promise<{ fileName: string; content: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return { fileName: file.name, content: btoa(binary) };
}

/** The file's headings and first rows, before any mapping (nothing is written). */
export const previewRecommendationFile = (body: { fileName: string; content: string }): Promise<ImportFilePreview> => api.post('/api/recommendations/import/preview', body, importFilePreview);

const rejectedDetails = z.object({ rejected: z.array(importRejection) });

/** Imports the file with the mapping: the count imported, or every rejected row (nothing imported). */
export async function importRecommendationFile(body: RecommendationImportRequest): Promise<RecommendationImportResult> {
  try {
    return await api.post('/api/recommendations/import', body, recommendationImportResult);
  } catch (caught) {
    const details = caught instanceof ApiError && caught.code === 'rows_rejected' ? rejectedDetails.safeParse(caught.details) : undefined;
    if (details?.success) return { imported: 0, rejected: details.data.rejected as ImportRejection[] };
    throw caught;
  }
}
