import { assessmentComparison, assessmentList, assessmentView, createdRef, type AssessmentEntryRequest, type AssessmentRequest, type ChecklistScoresRequest } from '@palermo/contracts';
import { api } from '../../app/api';

const id = (value: string) => encodeURIComponent(value);
const base = '/api/determinant-assessments';

export const listAssessments = async () => (await api.get(base, assessmentList)).assessments;
export const getAssessment = (assessmentId: string) => api.get(`${base}/${id(assessmentId)}`, assessmentView);
export const createAssessment = (body: AssessmentRequest) => api.post(base, body, createdRef);
export const updateAssessment = (assessmentId: string, body: AssessmentRequest) => api.put(`${base}/${id(assessmentId)}`, body, createdRef);
export const recordEntry = (assessmentId: string, body: AssessmentEntryRequest) => api.put(`${base}/${id(assessmentId)}/entries`, body, createdRef);
export const recordChecklist = (assessmentId: string, body: ChecklistScoresRequest) => api.put(`${base}/${id(assessmentId)}/checklist`, body, createdRef);
export const compareAssessments = (assessmentId: string, otherId: string) => api.get(`${base}/${id(assessmentId)}/comparison?with=${id(otherId)}`, assessmentComparison);
/** The assessment as a PDF document in a language of the app (English when the reader's is not one). */
export const assessmentPdfHref = (assessmentId: string, language: string) => `${base}/${id(assessmentId)}/assessment.pdf?language=${['en', 'fr', 'ar'].includes(language) ? language : 'en'}`;
