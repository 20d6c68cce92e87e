import { useTranslation } from 'react-i18next';
import { useFormats } from './format';

/** A decision deadline; when it has passed, the word "Overdue" says so (not the colour alone). */
export function DueDate({ due, overdue }: { due: string | null; overdue: boolean }) {
  const { t } = useTranslation();
  const formats = useFormats();
  if (due === null) return <span className="muted">{t('app.none')}</span>;
  return (
    <>
      <time dateTime={due}>{formats.dateTime(due)}</time>
      {overdue ? <span className="badge badge-bad badge-overdue">{t('cases.overdue')}</span> : null}
    </>
  );
}
