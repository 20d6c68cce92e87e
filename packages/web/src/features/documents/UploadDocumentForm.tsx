import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { documentTypes, maxDocumentBytes } from '@palermo/contracts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { HintAndError, SelectField, describedBy } from '../../components/fields';
import { useContractForm } from '../../components/useForm';
import { CheckboxField } from '../cases/controls';
import { uploadDocument } from './api';

interface Props {
  caseId: string;
  onUploaded: (fileName: string) => void;
}

/**
 * What the upload's multipart form carries besides the file's content, checked as the server checks it (the server's
 * own phrases, translated where they are shown, so that a change of language translates them again).
 */
const uploadFields = z.object({
  documentType: z.enum(documentTypes, 'must be one of the listed options'),
  forDecision: z.boolean(),
  file: z
    .custom<File>((value) => value instanceof File, 'is required')
    .refine((file) => file.size > 0, 'is empty')
    .refine((file) => file.size <= maxDocumentBytes, 'must be at most 20 MiB'),
});

/** Choose the kind of document and the file; the server checks what the file is (by its content) and its size. */
export function UploadDocumentForm({ caseId, onUploaded }: Props) {
  const { t } = useTranslation();
  const fileInput = useRef<HTMLInputElement>(null);
  const form = useContractForm(
    uploadFields,
    {
      documentType: { id: 'document-type', label: t('documents.type') },
      file: { id: 'document-file', label: t('documents.file') },
    },
    { documentType: '', forDecision: false, file: null as File | null },
  );
  const fileError = form.errorFor('file');

  const onSubmit = form.submit(async (request) => {
    await uploadDocument(caseId, request);
    form.clear();
    if (fileInput.current) fileInput.current.value = '';
    onUploaded(request.file.name);
  });

  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <SelectField id="document-type" label={t('documents.type')} {...form.text('documentType')}>
          <option value="">{t('documents.chooseType')}</option>
          {documentTypes.map((type) => (
            <option key={type} value={type}>
              {t(`documents.types.${type}`)}
            </option>
          ))}
        </SelectField>
        <div className={fileError ? 'field field-invalid' : 'field'}>
          <label htmlFor="document-file">{t('documents.file')}</label>
          <HintAndError id="document-file" hint={t('documents.fileHint')} error={fileError} />
          <input
            id="document-file"
            ref={fileInput}
            type="file"
            accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
            aria-describedby={describedBy('document-file', t('documents.fileHint'), fileError)}
            aria-invalid={fileError ? true : undefined}
            onChange={(event) => form.set('file', event.target.files?.[0] ?? null)}
          />
        </div>
        <CheckboxField id="document-for-decision" label={t('documents.forDecision')} hint={t('documents.forDecisionHint')} checked={form.value('forDecision')} onChange={(checked) => form.set('forDecision', checked)} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {form.submitting ? t('documents.uploading') : t('documents.upload')}
        </button>
      </form>
    </>
  );
}
