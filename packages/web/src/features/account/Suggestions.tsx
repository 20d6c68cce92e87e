import { useTranslation } from 'react-i18next';
import { useAccountLabels } from './labels';

/**
 * Methods of control the case's screenings suggest and the situation does not hold yet: shown, never applied until the
 * caseworker confirms (and then still only saved with the situation).
 */
export function Suggestions({ suggested, chosen, onConfirm }: { suggested: readonly string[]; chosen: readonly string[]; onConfirm: (methods: string[]) => void }) {
  const { t } = useTranslation();
  const labels = useAccountLabels();
  const open = suggested.filter((m) => !chosen.includes(m));
  if (open.length === 0) return null;
  return (
    <div className="notice account-suggestions">
      <p>{t('account.suggested', { values: labels.list(open.map((m) => labels.code('methodsOfControl', m))) })}</p>
      <button type="button" className="secondary" onClick={() => onConfirm(open)}>
        {t('account.useSuggested')}
      </button>
    </div>
  );
}
