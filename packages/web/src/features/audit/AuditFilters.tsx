import { useTranslation } from 'react-i18next';
import { auditActions, auditCodeKey, auditQuery, type AuditAction, type OrganisationView, type UserView } from '@palermo/contracts';
import type { FieldIssue } from '../../app/api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/fields';
import { useContractForm } from '../../components/useForm';
import type { AuditFilter } from './api';
import { endOfDay, startOfDay } from './dates';

interface Props {
  /** The users to choose from, or null when the person may not list users (then a user ID can be typed). */
  users: readonly UserView[] | null;
  organisations: readonly OrganisationView[];
  onApply: (filter: AuditFilter) => void;
}

/** The filter the values give: what is left empty is not sent. */
function filterOf(values: { caseReference: string; action: string; organisationId: string; userId: string; recordId: string; from: string; to: string }): AuditFilter {
  return {
    caseReference: values.caseReference.trim() || undefined,
    action: (values.action || undefined) as AuditAction | undefined,
    organisationId: values.organisationId || undefined,
    userId: values.userId.trim() || undefined,
    recordId: values.recordId.trim() || undefined,
    from: values.from ? startOfDay(values.from) : undefined,
    to: values.to ? endOfDay(values.to) : undefined,
  };
}

export function AuditFilters({ users, organisations, onApply }: Props) {
  const { t, i18n } = useTranslation();
  const blank = { caseReference: '', action: '', organisationId: '', userId: '', recordId: '', from: '', to: '' };
  const form = useContractForm(
    auditQuery,
    {
      caseReference: { id: 'audit-case', label: t('audit.caseReference') },
      action: { id: 'audit-action', label: t('audit.action') },
      organisationId: { id: 'audit-organisation', label: t('audit.organisation') },
      userId: { id: 'audit-user', label: t('audit.user') },
      recordId: { id: 'audit-record', label: t('audit.recordId') },
      from: { id: 'audit-from', label: t('audit.from') },
      to: { id: 'audit-to', label: t('audit.to') },
    },
    blank,
    {
      request: filterOf,
      // The days chosen, as the first and last instants of those days in the reader's time zone.
      also: ({ from, to }) => {
        const issues: FieldIssue[] = [];
        const fromIso = from ? startOfDay(from) : undefined;
        const toIso = to ? endOfDay(to) : undefined;
        if (from && !fromIso) issues.push({ field: 'from', problem: 'is not valid' });
        if (to && !toIso) issues.push({ field: 'to', problem: 'is not valid' });
        if (fromIso && toIso && fromIso > toIso) issues.push({ field: 'to', problem: 'date order' });
        return issues;
      },
    },
  );

  const collator = new Intl.Collator(i18n.language);
  const actionOptions = auditActions
    .map((code) => ({ code, label: t(`audit.actions.${auditCodeKey(code)}` as 'audit.actions.audit__read') }))
    .sort((a, b) => collator.compare(a.label, b.label));

  // The filter as given is applied, not the parsed query (which adds the server's own defaults).
  const onSubmit = form.check(async () => {
    form.reset();
    onApply(filterOf(form.values()));
  });

  function onReset() {
    form.clear(blank);
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
          {...form.text('caseReference')}
          autoComplete="off"
          spellCheck={false}
          dir="ltr"
        />
        <SelectField id="audit-action" label={t('audit.action')} required={false} {...form.text('action')}>
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
          {...form.text('organisationId')}
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
            {...form.text('userId')}
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
            {...form.text('userId')}
            autoComplete="off"
            spellCheck={false}
            dir="ltr"
          />
        )}
        <TextField
          id="audit-record"
          label={t('audit.recordId')}
          required={false}
          {...form.text('recordId')}
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          id="audit-from"
          type="date"
          label={t('audit.from')}
          required={false}
          {...form.text('from')}
        />
        <TextField
          id="audit-to"
          type="date"
          label={t('audit.to')}
          required={false}
          {...form.text('to')}
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
