import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/fields';

/** The six-digit code input, shared by sign-in verification and enrolment. */
export function CodeField({ id, value, onValueChange, error }: {
  id: string;
  value: string;
  onValueChange: (value: string) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <TextField
      id={id}
      className="input-code"
      label={t('auth.code')}
      hint={t('auth.codeHint')}
      value={value}
      onValueChange={(next) => onValueChange(next.replace(/\s+/g, ''))}
      error={error}
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9]*"
      maxLength={6}
      spellCheck={false}
      dir="ltr"
    />
  );
}
