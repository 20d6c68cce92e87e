import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { auditQuery, type UserView } from '@palermo/contracts';
import type { FieldIssue } from '../../app/api';
import { validate } from '../../app/validation';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/fields';
import { useForm } from '../../components/useForm';
import type { AuditFilter } from './api';
import { endOfDay, startOfDay } from './dates';

interface Props {
  /** The users to choose from, or null when the person may not list users (then a user ID can be typed). */
  users: readonly UserView[] | null;
  onApply: (filter: AuditFilter) => void;
}

export function AuditFilters({ users, onApply }: Props) {
  const { t } = useTranslation();
  const [userId, setUserId] = useState('');
  const [recordId, setRecordId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const form = useForm({
    userId: { id: 'audit-user', label: t('audit.user') },
    recordId: { id: 'audit-record', label: t('audit.recordId') },
    from: { id: 'audit-from', label: t('audit.from') },
    to: { id: 'audit-to', label: t('audit.to') },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const issues: FieldIssue[] = [];
    const fromIso = from ? startOfDay(from) : undefined;
    const toIso = to ? endOfDay(to) : undefined;
    if (from && !fromIso) issues.push({ field: 'from', problem: 'is not valid' });
    if (to && !toIso) issues.push({ field: 'to', problem: 'is not valid' });
    if (fromIso && toIso && fromIso > toIso) issues.push({ field: 'to', problem: 'date order' });
    const filter: AuditFilter = {
      userId: userId.trim() || undefined,
      recordId: recordId.trim() || undefined,
      from: fromIso,
      to: toIso,
    };
    const checked = validate(auditQuery, filter);
    if (!checked.ok) issues.push(...checked.issues.filter((issue) => !issues.some((i) => i.field === issue.field)));
    if (issues.length > 0) {
      form.fail(issues);
      return;
    }
    form.reset();
    onApply(filter);
  }

  function onReset() {
    setUserId('');
    setRecordId('');
    setFrom('');
    setTo('');
    form.reset();
    onApply({});
  }

  return (
    <section aria-labelledby="audit-filter-title">
      <h2 id="audit-filter-title">{t('audit.filterTitle')}</h2>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="filters">
        {users !== null ? (
          <SelectField
            id="audit-user"
            label={t('audit.user')}
            required={false}
            value={userId}
            onValueChange={setUserId}
            error={form.errorFor('userId')}
          >
            <option value="">{t('audit.anyUser')}</option>
            {users.map((user) => (
              <option key={user.id} value={user.id}>
                {user.displayName} ({user.email})
              </option>
            ))}
          </SelectField>
        ) : (
          <TextField
            id="audit-user"
            label={t('audit.user')}
            hint={t('audit.userIdHint')}
            required={false}
            value={userId}
            onValueChange={setUserId}
            error={form.errorFor('userId')}
            autoComplete="off"
            spellCheck={false}
            dir="ltr"
          />
        )}
        <TextField
          id="audit-record"
          label={t('audit.recordId')}
          required={false}
          value={recordId}
          onValueChange={setRecordId}
          error={form.errorFor('recordId')}
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          id="audit-from"
          type="date"
          label={t('audit.from')}
          required={false}
          value={from}
          onValueChange={setFrom}
          error={form.errorFor('from')}
        />
        <TextField
          id="audit-to"
          type="date"
          label={t('audit.to')}
          required={false}
          value={to}
          onValueChange={setTo}
          error={form.errorFor('to')}
        />
        <div className="filter-buttons">
          <button type="submit" className="button-primary">
            {t('audit.filter')}
          </button>
          <button type="button" onClick={onReset}>
            {t('audit.reset')}
          </button>
        </div>
      </form>
    </section>
  );
}
