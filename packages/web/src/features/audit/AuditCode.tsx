import { useTranslation } from 'react-i18next';
import { auditCodeKey } from '@palermo/contracts';

type Vocabulary = 'actions' | 'purposes' | 'recordTypes';

interface Props {
  vocabulary: Vocabulary;
  code: string;
}

/**
 * An audit code shown in the reader's language, with the code itself kept underneath (small and muted, and in the
 * title) for administrators who search by it. A code the interface does not know is shown as it is, marked as such.
 */
export function AuditCode({ vocabulary, code }: Props) {
  const { t, i18n } = useTranslation();
  const key = `audit.${vocabulary}.${auditCodeKey(code)}`;
  const known = i18n.exists(key);
  return (
    <span className="audit-code" title={known ? code : t('audit.unknownCode')}>
      {known ? <span>{t(key, { defaultValue: code })}</span> : null}
      <code className={known ? 'muted audit-code-raw' : undefined} dir="ltr">
        {code}
      </code>
    </span>
  );
}
