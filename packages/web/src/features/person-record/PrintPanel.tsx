import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { documentLanguages, protectionServices, type DocumentLanguage, type ProtectionService } from '@palermo/contracts';
import { SelectField } from '../../components/fields';
import { ErrorAlert, StatusMessage } from '../../components/Status';
import { meetingSummary, referralForm, saveFile } from './api';

/** Chooses one of the installation's languages for a document (each named in its own language). */
export function LanguageSelect({ id, value, onChange, label }: { id: string; value: DocumentLanguage; onChange: (value: DocumentLanguage) => void; label?: string }) {
  const { t } = useTranslation();
  return (
    <SelectField id={id} label={label ?? t('personRecord.ui.language')} value={value} onValueChange={(v) => onChange(v as DocumentLanguage)}>
      {documentLanguages.map((language) => (
        <option key={language} value={language} lang={language}>
          {t(`language.${language}`)}
        </option>
      ))}
    </SelectField>
  );
}

/** Starts the current language's document by default when the reader's language is one the installation prints in. */
export function useDocumentLanguage(): [DocumentLanguage, (value: DocumentLanguage) => void] {
  const { i18n } = useTranslation();
  const initial = (documentLanguages as readonly string[]).includes(i18n.language) ? (i18n.language as DocumentLanguage) : 'en';
  return useState<DocumentLanguage>(initial);
}

/**
 * Prints from the case: a summary for a referral meeting (only what a receiver of the service discussed may see) and
 * the filled referral form. Both are saved as files, never shown in the page.
 */
export function PrintPanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [language, setLanguage] = useDocumentLanguage();
  const [service, setService] = useState<ProtectionService | ''>('');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState('');
  const [error, setError] = useState<unknown>(null);

  async function run(produce: () => Promise<{ blob: Blob; fileName: string }>) {
    setBusy(true);
    setError(null);
    setSaved('');
    try {
      const file = await produce();
      saveFile(file);
      setSaved(file.fileName);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="person-record-print">
      <StatusMessage>{busy ? t('personRecord.ui.working') : saved ? t('personRecord.ui.downloaded', { name: saved }) : ''}</StatusMessage>
      {error ? <ErrorAlert error={error} /> : null}
      <LanguageSelect id="print-language" value={language} onChange={setLanguage} />
      <SelectField id="print-service" label={t('personRecord.ui.meetingService')} value={service} optional onValueChange={(v) => setService(v as ProtectionService | '')}>
        <option value="">{t('personRecord.ui.noService')}</option>
        {protectionServices.map((s) => (
          <option key={s} value={s}>
            {t(`services.${s}`)}
          </option>
        ))}
      </SelectField>
      <p className="inline-actions">
        <button type="button" disabled={busy} onClick={() => void run(() => meetingSummary(caseId, language, service))}>
          {t('personRecord.ui.meetingSummary')}
        </button>
        <button type="button" disabled={busy} onClick={() => void run(() => referralForm(caseId, language))}>
          {t('personRecord.ui.referralForm')}
        </button>
      </p>
    </div>
  );
}
