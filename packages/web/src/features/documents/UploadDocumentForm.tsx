import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { documentTypes, maxDocumentBytes, type DocumentType } from '@palermo/contracts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { HintAndError, SelectField, describedBy } from '../../components/fields';
import { useForm } from '../../components/useForm';
import { CheckboxField } from '../cases/controls';
import { uploadDocument } from './api';

interface Props {
  caseId: string;
  onUploaded: (fileName: string) => void;
}

/** Choose the kind of document and the file; the server checks what the file is (by its content) and its size. */
export function UploadDocumentForm({ caseId, onUploaded }: Props) {
  const { t } = useTranslation();
  const [documentType, setDocumentType] = useState<DocumentType | ''>('');
  const [forDecision, setForDecision] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const form = useForm({
    documentType: { id: 'document-type', label: t('documents.type') },
    file: { id: 'document-file', label: t('documents.file') },
  });
  const fileError = form.errorFor('file');

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The server's own phrases: translated where they are shown, so a change of language translates them again.
    const issues = [
      ...(documentType === '' ? [{ field: 'documentType', problem: 'must be one of the listed options' }] : []),
      ...(file === null ? [{ field: 'file', problem: 'is required' }] : []),
      ...(file !== null && file.size === 0 ? [{ field: 'file', problem: 'is empty' }] : []),
      ...(file !== null && file.size > maxDocumentBytes ? [{ field: 'file', problem: 'must be at most 20 MiB' }] : []),
    ];
    if (issues.length > 0 || documentType === '' || file === null) {
      form.fail(issues);
      return;
    }
    const saved = await form.run(async () => {
      await uploadDocument(caseId, { documentType, forDecision, file });
    });
    if (saved) {
      setDocumentType('');
      setForDecision(false);
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
      onUploaded(file.name);
    }
  }

  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <SelectField id="document-type" label={t('documents.type')} value={documentType} onValueChange={(value) => setDocumentType(value as DocumentType | '')} error={form.errorFor('documentType')}>
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
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </div>
        <CheckboxField id="document-for-decision" label={t('documents.forDecision')} hint={t('documents.forDecisionHint')} checked={forDecision} onChange={setForDecision} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {form.submitting ? t('documents.uploading') : t('documents.upload')}
        </button>
      </form>
    </>
  );
}
