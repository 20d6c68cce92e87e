import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentView } from '@palermo/contracts';
import { ApiError } from '../../app/api';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Status';
import { ActionPanel } from '../cases/ActionPanel';
import { useFormats } from '../cases/format';
import { contentUrl, listDocuments, markForDecision } from './api';
import { UploadDocumentForm } from './UploadDocumentForm';
import { DownloadLink } from '../../components/DownloadLink';

interface Props {
  caseId: string;
  /** The reader holds the case: may attach documents and mark them for the decision. */
  canAdd: boolean;
}

const formatNames: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };

/**
 * The case's documents: upload (the side holding the case), the list and downloads (always saved, never opened in the
 * page). The server decides who sees which document; a reader it shows none to sees no section.
 */
export function DocumentsSection({ caseId, canAdd }: Props) {
  const { t, i18n } = useTranslation();
  const formats = useFormats();
  const [version, setVersion] = useState(0);
  // Kept as what happened, and said in the reader's language when shown (it follows a change of language).
  const [notice, setNotice] = useState<{ key: 'uploaded' | 'markedForDecision' | 'unmarkedForDecision'; name: string } | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [documents] = useResource(() => listDocuments(caseId), `documents:${caseId}:${version}`);
  const size = (bytes: number) =>
    new Intl.NumberFormat(i18n.language, { style: 'unit', unit: bytes < 1024 * 1024 ? 'kilobyte' : 'megabyte', maximumFractionDigits: 1 }).format(bytes < 1024 * 1024 ? bytes / 1024 : bytes / (1024 * 1024));

  if (documents.status === 'failed' && documents.error instanceof ApiError && documents.error.status === 404) return null;

  async function toggle(document: DocumentView) {
    setActionError(null);
    try {
      const marked = await markForDecision(caseId, document.id, !document.forDecision);
      setNotice({ key: marked.forDecision ? 'markedForDecision' : 'unmarkedForDecision', name: document.fileName ?? '' });
      setVersion((v) => v + 1);
    } catch (error) {
      setActionError(error);
    }
  }

  return (
    <section id="documents" aria-labelledby="documents-title">
      <h2 id="documents-title">{t('documents.title')}</h2>
      <StatusMessage>{notice ? t(`documents.${notice.key}`, { name: notice.name }) : ''}</StatusMessage>
      {canAdd ? (
        <ActionPanel id="action-document" title={t('documents.addTitle')}>
          <UploadDocumentForm
            caseId={caseId}
            onUploaded={(name) => {
              setNotice({ key: 'uploaded', name });
              setVersion((v) => v + 1);
            }}
          />
        </ActionPanel>
      ) : null}
      {actionError ? <ErrorAlert error={actionError} /> : null}
      {documents.status === 'loading' ? <Loading /> : null}
      {documents.status === 'failed' ? <ErrorAlert error={documents.error} /> : null}
      {documents.status === 'ready' && documents.data.length === 0 ? <p>{t(canAdd ? 'documents.empty' : 'documents.emptyForDecision')}</p> : null}
      {documents.status === 'ready' && documents.data.length > 0 ? (
        <table className="documents-table">
          <caption>{t('documents.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('documents.colName')}</th>
              <th scope="col">{t('documents.colType')}</th>
              <th scope="col">{t('documents.colFile')}</th>
              <th scope="col">{t('documents.colAdded')}</th>
              <th scope="col">{t('documents.colDecision')}</th>
            </tr>
          </thead>
          <tbody>
            {documents.data.map((document) => (
              <tr key={document.id}>
                <td>
                  <DownloadLink href={contentUrl(caseId, document.id)} {...(document.fileName ? { fileName: document.fileName } : {})}>
                    <bdi>{document.fileName}</bdi>
                  </DownloadLink>
                  <span className="visually-hidden"> {t('documents.download')}</span>
                </td>
                <td>{document.documentType ? t(`documents.types.${document.documentType}`) : null}</td>
                <td>
                  {document.mediaType && document.byteSize !== undefined
                    ? t('documents.formatAndSize', { format: formatNames[document.mediaType], size: size(document.byteSize) })
                    : null}
                </td>
                <td>
                  {document.createdAt ? formats.dateTime(document.createdAt) : null}
                  {document.uploadedByName ? (
                    <>
                      <br />
                      <bdi>{document.uploadedByName}</bdi>, <bdi>{document.organisationName}</bdi>
                    </>
                  ) : null}
                </td>
                <td>
                  <span>{document.forDecision ? t('documents.forDecisionYes') : t('documents.forDecisionNo')}</span>
                  {canAdd ? (
                    <>
                      {' '}
                      <button type="button" onClick={() => void toggle(document)}>
                        {document.forDecision ? t('documents.unmark', { name: document.fileName ?? '' }) : t('documents.mark', { name: document.fileName ?? '' })}
                      </button>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
