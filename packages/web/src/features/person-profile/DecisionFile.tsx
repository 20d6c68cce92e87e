import { useTranslation } from 'react-i18next';
import { decisionFileParts, type AccountView, type DecisionFilePart, type DocumentView } from '@palermo/contracts';
import { ApiError } from '../../app/api';
import { useResource } from '../../app/useResource';
import { CheckboxGroup } from '../../components/fields';
import { ErrorAlert, Loading } from '../../components/Status';
import { useFormats } from '../cases/format';
import { getAccountForDecision, getDecisionDocuments } from './api';
import { IntakeSection } from './IntakeSection';
import { PersonProfileSection } from './ProfileSection';
import { ScreeningAnswers } from './ScreeningAnswers';
import { useDynamicT } from './translate';
import { DownloadLink } from '../../components/DownloadLink';

/** An account answer (known with its words, unknown, declined) as the reader should see it. */
function AnswerText({ answer }: { answer: unknown }) {
  const t = useDynamicT();
  if (answer === null || answer === undefined || typeof answer !== 'object') return <span className="muted">{t('personProfile.notRecorded')}</span>;
  const state = (answer as { state?: string }).state;
  if (state === 'known') return <bdi className="pre-wrap">{String((answer as { value?: unknown }).value ?? '')}</bdi>;
  return <span className="muted">{t(`personProfile.answers.${state === 'declined' ? 'declined' : 'unknown'}`)}</span>;
}

/** The person's account and the first responder's reasons, as far as the account module shows them to this reader. */
function AccountPart({ caseId }: { caseId: string }) {
  const t = useDynamicT();
  const [resource] = useResource(() => getAccountForDecision(caseId), `decision-account:${caseId}`);
  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'failed') {
    return resource.error instanceof ApiError && resource.error.status === 404 ? <p className="muted">{t('personProfile.accountNotShared')}</p> : <ErrorAlert error={resource.error} />;
  }
  const account: AccountView = resource.data;
  const statement = account.statement as Record<string, unknown> | null;
  return (
    <dl className="details">
      <div>
        <dt>{t('personProfile.personAccount')}</dt>
        <dd>
          <AnswerText answer={statement?.personAccount} />
        </dd>
      </div>
      <div>
        <dt>{t('personProfile.responderReasons')}</dt>
        <dd>
          <AnswerText answer={statement?.responderReasons} />
        </dd>
      </div>
      <div>
        <dt>{t('personProfile.situations')}</dt>
        <dd>{t('personProfile.situationCount', { count: account.situations.length })}</dd>
      </div>
    </dl>
  );
}

/** The documents attached for the decision (the documents module decides which the reader sees). */
function DocumentsPart({ documents }: { documents: readonly DocumentView[] }) {
  const t = useDynamicT();
  const formats = useFormats();
  if (documents.length === 0) return <p className="muted">{t('personProfile.noDecisionDocuments')}</p>;
  return (
    <ul>
      {documents.map((document) => (
        <li key={document.id}>
          <DownloadLink href={`/api/cases/${encodeURIComponent(document.caseId)}/documents/${encodeURIComponent(document.id)}/content`} {...(document.fileName ? { fileName: document.fileName } : {})}>
            <bdi>{document.fileName ?? t('personProfile.document')}</bdi>
          </DownloadLink>{' '}
          {document.createdAt ? formats.dateTime(document.createdAt) : null}
        </li>
      ))}
    </ul>
  );
}

export function useDecisionDocuments(caseId: string) {
  const [resource] = useResource(() => getDecisionDocuments(caseId).catch(() => [] as DocumentView[]), `decision-documents:${caseId}`);
  return resource.status === 'ready' ? resource.data : [];
}

/**
 * What the competent authority decides on, under the field policies and the person's consent to the referral: the
 * person's account and the first responder's reasons, the screenings, the intake, the referral form's facts and the
 * documents attached for the decision. The decision form then records which of them the decision relied on.
 */
export function DecisionFile({ caseId }: { caseId: string }) {
  const t = useDynamicT();
  const documents = useDecisionDocuments(caseId);
  return (
    <section id="decision-file" aria-labelledby="decision-file-title">
      <h2 id="decision-file-title">{t('personProfile.decisionFileTitle')}</h2>
      <p className="hint">{t('personProfile.decisionFileIntro')}</p>
      <section aria-labelledby="decision-account-title">
        <h3 id="decision-account-title">{t('personProfile.accountTitle')}</h3>
        <AccountPart caseId={caseId} />
      </section>
      <ScreeningAnswers caseId={caseId} headingLevel={3} />
      <IntakeSection caseId={caseId} canCorrect={false} headingLevel={3} />
      <PersonProfileSection caseId={caseId} canCorrect={false} headingLevel={3} />
      <section aria-labelledby="decision-documents-title">
        <h3 id="decision-documents-title">{t('personProfile.documentsTitle')}</h3>
        <DocumentsPart documents={documents} />
      </section>
    </section>
  );
}

interface ReliedOnProps {
  caseId: string;
  parts: readonly DecisionFilePart[];
  documentIds: readonly string[];
  onPartsChange: (parts: DecisionFilePart[]) => void;
  onDocumentsChange: (ids: string[]) => void;
}

/** The decision form's check-boxes: which parts of the decision file, and which documents, the decision relied on. */
export function ReliedOnFields({ caseId, parts, documentIds, onPartsChange, onDocumentsChange }: ReliedOnProps) {
  const { t } = useTranslation();
  const dt = useDynamicT();
  const documents = useDecisionDocuments(caseId);
  return (
    <>
      <CheckboxGroup
        id="decision-relied-on"
        legend={t('personProfile.reliedOn')}
        hint={t('personProfile.reliedOnHint')}
        options={decisionFileParts.filter((part) => part !== 'documents').map((part) => ({ value: part, label: dt(`personProfile.parts.${part}`) }))}
        selected={parts}
        onChange={onPartsChange}
      />
      {documents.length > 0 ? (
        <CheckboxGroup
          id="decision-relied-on-documents"
          legend={t('personProfile.reliedOnDocuments')}
          options={documents.map((document) => ({ value: document.id, label: document.fileName ?? dt('personProfile.document') }))}
          selected={documentIds}
          onChange={onDocumentsChange}
        />
      ) : null}
    </>
  );
}
