import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatementView } from '@palermo/contracts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useForm } from '../../components/useForm';
import { AnswerInput } from './AnswerInput';
import { answersOf, draftsOf, emptyDraft, type AnswerDraft } from './answers';
import { saveStatement } from './api';
import { localiseAccountError } from './problems';
import type { SavedNotice } from './AccountSection';

const answers = { personAccount: 'longText', responderReasons: 'longText' } as const;

/** Her account in her words and the first responder's reasons: written once, then corrected naming the version read. */
export function StatementForm({ caseId, statement, onSaved }: { caseId: string; statement: StatementView | null; onSaved: (notice: SavedNotice) => void }) {
  const { t } = useTranslation();
  const [drafts, setDrafts] = useState<Record<string, AnswerDraft>>(() => draftsOf(answers, (statement ?? undefined) as Record<string, unknown> | undefined));
  const form = useForm({
    personAccount: { id: 'statement-personAccount', label: t('account.personAccount') },
    responderReasons: { id: 'statement-responderReasons', label: t('account.responderReasons') },
  });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await form.run(async () => {
      try {
        await saveStatement(caseId, { ...answersOf(answers, drafts), ...(statement ? { version: statement.version } : {}) });
      } catch (error) {
        throw localiseAccountError(t, error);
      }
      onSaved('statementSaved');
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="account-form">
      <ErrorSummary form={form} />
      {(['personAccount', 'responderReasons'] as const).map((name) => (
        <AnswerInput
          key={name}
          id={`statement-${name}`}
          label={t(`account.${name}`)}
          kind="longText"
          draft={drafts[name] ?? emptyDraft}
          onChange={(draft) => setDrafts((current) => ({ ...current, [name]: draft }))}
          error={form.errorFor(name)}
        />
      ))}
      <p className="inline-actions">
        <button type="submit" disabled={form.submitting}>
          {t('account.saveStatement')}
        </button>
      </p>
    </form>
  );
}
