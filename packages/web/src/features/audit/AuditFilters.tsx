import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { auditActions, auditCodeKey, auditQuery, type AuditAction, type OrganisationView, type UserView } from '@palermo/contracts';
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
  organisations: readonly OrganisationView[];
  onApply: (filter: AuditFilter) => void;
}

export function AuditFilters({ users, organisations, onApply }: Props) {
  const { t, i18n } = useTranslation();
  const [caseReference, setCaseReference] = useState('');
  const [action, setAction] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const [userId, setUserId] = useState('');
  const [recordId, setRecordId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const form = useForm({
    caseReference: { id: 'audit-case', label: t('audit.caseReference') },
    action: { id: 'audit-action', label: t('audit.action') },
    organisationId: { id: 'audit-organisation', label: t('audit.organisation') },
    userId: { id: 'audit-user', label: t('audit.user') },
    recordId: { id: 'audit-record', label: t('audit.recordId') },
    from: { id: 'audit-from', label: t('audit.from') },
    to: { id: 'audit-to', label: t('audit.to') },
  });

  const collator = new Intl.Collator(i18n.language);
  const actionOptions = auditActions
    .map((code) => ({ code, label: t(`audit.actions.${auditCodeKey(code)}` as 'audit.actions.audit__read') }))
    .sort((a, b) => collator.compare(a.label, b.label));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const issues: FieldIssue[] = [];
    const fromIso = from ? startOfDay(from) : undefined;
    const toIso = to ? endOfDay(to) : undefined;
    if (from && !fromIso) issues.push({ field: 'from', problem: 'is not valid' });
    if (to && !toIso) issues.push({ field: 'to', problem: 'is not valid' });
    if (fromIso && toIso && fromIso > toIso) issues.push({ field: 'to', problem: 'date order' });
    const filter: AuditFilter = {
      caseReference: caseReference.trim() || undefined,
      action: (action || undefined) as AuditAction | undefined,
      organisationId: organisationId || undefined,
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
    setCaseReference('');
    setAction('');
    setOrganisationId('');
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
        <TextField
          id="audit-case"
          label={t('audit.caseReference')}
          hint={t('audit.caseReferenceHint')}
          required={false}
          value={caseReference}
          onValueChange={setCaseReference}
          error={form.errorFor('caseReference')}
          autoComplete="off"
          spellCheck={false}
          dir="ltr"
        />
        <SelectField id="audit-action" label={t('audit.action')} required={false} value={action} onValueChange={setAction} error={form.errorFor('action')}>
          <option value="">{t('audit.anyAction')}</option>
          {actionOptions.map((option) => (
            <option key={option.code} value={option.code}>
              {option.label}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="audit-organisation"
          label={t('audit.organisation')}
          required={false}
          value={organisationId}
          onValueChange={setOrganisationId}
          error={form.errorFor('organisationId')}
        >
          <option value="">{t('audit.anyOrganisation')}</option>
          {organisations.map((organisation) => (
            <option key={organisation.id} value={organisation.id}>
              {organisation.name}
            </option>
          ))}
        </SelectField>
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
