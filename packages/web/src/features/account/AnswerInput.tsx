import { useTranslation } from 'react-i18next';
import { describedBy, HintAndError } from '../../components/fields';
import type { AnswerDraft, AnswerKind, AnswerState } from './answers';

interface Props {
  id: string;
  label: string;
  kind: AnswerKind;
  draft: AnswerDraft;
  onChange: (draft: AnswerDraft) => void;
  options?: ReadonlyArray<{ value: string; label: string }>;
  error?: string | undefined;
  hint?: string | undefined;
}

/**
 * One answer of the account: whether it is known, unknown to her or declined, and when known its value. Typing or
 * ticking a value makes the answer known; choosing "does not know" or "declined" hides the value.
 */
export function AnswerInput({ id, label, kind, draft, onChange, options = [], error, hint }: Props) {
  const { t } = useTranslation();
  const states: Array<{ value: AnswerState; label: string }> = [
    { value: '', label: t('account.notRecorded') },
    { value: 'known', label: t('account.known') },
    { value: 'unknown', label: t('account.unknown') },
    { value: 'declined', label: t('account.declined') },
  ];
  const setValue = (value: string) => onChange({ ...draft, value, state: value === '' && draft.state === '' ? '' : 'known' });
  const toggle = (code: string, on: boolean) => {
    const values = on ? [...draft.values, code] : draft.values.filter((v) => v !== code);
    onChange({ ...draft, values, state: values.length > 0 ? 'known' : draft.state });
  };
  const valueId = `${id}-value`;
  const showValue = draft.state === '' || draft.state === 'known';
  return (
    <fieldset id={id} tabIndex={-1} className={error ? 'field answer field-invalid' : 'field answer'} aria-describedby={describedBy(id, hint, error)}>
      <legend>{label}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      <label htmlFor={`${id}-state`} className="answer-state">
        {t('account.answer')}
        <select id={`${id}-state`} value={draft.state} onChange={(event) => onChange({ ...draft, state: event.target.value as AnswerState })}>
          {states.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      {!showValue ? null : kind === 'codes' ? (
        <div className="answer-codes">
          {options.map((option) => (
            <label key={option.value} className="checkbox">
              <input type="checkbox" checked={draft.values.includes(option.value)} onChange={(event) => toggle(option.value, event.target.checked)} />
              {option.label}
            </label>
          ))}
        </div>
      ) : kind === 'code' || kind === 'country' || kind === 'boolean' ? (
        <select id={valueId} aria-label={label} value={draft.value} onChange={(event) => setValue(event.target.value)} aria-invalid={error ? true : undefined}>
          <option value="">{kind === 'country' ? t('account.chooseCountry') : '—'}</option>
          {(kind === 'boolean'
            ? [{ value: 'true', label: t('account.yes') }, { value: 'false', label: t('account.no') }]
            : draft.value !== '' && !options.some((o) => o.value === draft.value)
              ? [...options, { value: draft.value, label: draft.value }]
              : options
          ).map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : kind === 'longText' ? (
        <textarea id={valueId} aria-label={label} rows={4} value={draft.value} onChange={(event) => setValue(event.target.value)} aria-invalid={error ? true : undefined} />
      ) : (
        <input
          id={valueId}
          aria-label={label}
          type={kind === 'date' ? 'date' : kind === 'number' ? 'number' : 'text'}
          min={kind === 'number' ? 0 : undefined}
          value={draft.value}
          onChange={(event) => setValue(event.target.value)}
          aria-invalid={error ? true : undefined}
        />
      )}
    </fieldset>
  );
}
