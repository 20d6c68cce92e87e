import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  consentEventRequest,
  consentMethods,
  consentPurposes,
  consentStatuses,
  rightsExplained,
  type ConsentMethod,
  type ConsentPurpose,
  type ConsentStatus,
  type RightExplained,
} from '@palermo/contracts';
import { useActiveSession } from '../../app/session';
import { validate } from '../../app/validation';
import { ErrorSummary } from '../../components/ErrorSummary';
import { CheckboxGroup, SelectField } from '../../components/fields';
import { StatusMessage } from '../../components/Status';
import { useForm } from '../../components/useForm';
import { recordConsent } from './api';
import { RadioGroup } from './controls';
import { localiseIssues } from './problems';
import { useCaseChange, type CaseActionProps } from './useCaseChange';

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** Records consent given, refused or withdrawn, how it was obtained, and which rights were explained first. */
export function ConsentForm({ caseView, organisations, onChanged, onStale }: CaseActionProps) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const [purpose, setPurpose] = useState('');
  const [target, setTarget] = useState('');
  const [status, setStatus] = useState<ConsentStatus | ''>('');
  const [method, setMethod] = useState('');
  const [rights, setRights] = useState<RightExplained[]>([]);
  const [done, setDone] = useState('');
  const form = useForm({
    purpose: { id: 'consent-purpose', label: t('consent.purpose') },
    targetOrganisationId: { id: 'consent-target', label: t('consent.target') },
    status: { id: 'consent-status', label: t('consent.status') },
    method: { id: 'consent-method', label: t('consent.method') },
    rightsExplained: { id: 'consent-rights', label: t('consent.rights') },
  });
  const change = useCaseChange(form, onStale);
  const targets = organisations.filter((organisation) => organisation.id !== session.user.organisation.id);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone('');
    const body = {
      purpose: isOneOf<ConsentPurpose>(consentPurposes, purpose) ? purpose : undefined,
      targetOrganisationId: purpose === 'referral' && target ? target : undefined,
      status: status || undefined,
      method: isOneOf<ConsentMethod>(consentMethods, method) ? method : undefined,
      rightsExplained: rights,
    };
    const checked = validate(consentEventRequest, body);
    const issues = checked.ok ? [] : [...checked.issues];
    if (purpose === 'referral' && !target) issues.push({ field: 'targetOrganisationId', problem: 'is required for consent to referral: name the organisation' });
    if (!checked.ok || issues.length > 0) {
      form.fail(localiseIssues(t, issues));
      return;
    }
    const request = checked.data;
    const saved = await change(async (post) => {
      await recordConsent(post, caseView.id, request);
    });
    if (saved) {
      setDone(t('consent.recordedNotice', { purpose: t(`consentPurposes.${request.purpose}`), status: t(`consentStatuses.${request.status}`) }));
      setPurpose('');
      setTarget('');
      setStatus('');
      setMethod('');
      setRights([]);
      onChanged();
    }
  }

  return (
    <>
      <p className="hint">{t('consent.intro')}</p>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <SelectField id="consent-purpose" label={t('consent.purpose')} value={purpose} onValueChange={setPurpose} error={form.errorFor('purpose')}>
          <option value="">{t('consent.choosePurpose')}</option>
          {consentPurposes.map((value) => (
            <option key={value} value={value}>
              {t(`consentPurposes.${value}`)}
            </option>
          ))}
        </SelectField>
        {purpose === 'referral' ? (
          <SelectField
            id="consent-target"
            label={t('consent.target')}
            hint={t('consent.targetHint')}
            value={target}
            onValueChange={setTarget}
            error={form.errorFor('targetOrganisationId')}
          >
            <option value="">{t('consent.chooseOrganisation')}</option>
            {targets.map((organisation) => (
              <option key={organisation.id} value={organisation.id}>
                {organisation.name} ({t(`organisationTypes.${organisation.type}`)})
              </option>
            ))}
          </SelectField>
        ) : null}
        <RadioGroup
          id="consent-status"
          legend={t('consent.status')}
          error={form.errorFor('status')}
          options={consentStatuses.map((value) => ({ value, label: t(`consentStatuses.${value}`) }))}
          value={status}
          onChange={setStatus}
          inline
        />
        <SelectField id="consent-method" label={t('consent.method')} value={method} onValueChange={setMethod} error={form.errorFor('method')}>
          <option value="">{t('consent.chooseMethod')}</option>
          {consentMethods.map((value) => (
            <option key={value} value={value}>
              {t(`consentMethods.${value}`)}
            </option>
          ))}
        </SelectField>
        <CheckboxGroup
          id="consent-rights"
          legend={t('consent.rights')}
          hint={t('consent.rightsHint')}
          error={form.errorFor('rightsExplained')}
          options={rightsExplained.map((value) => ({ value, label: t(`rights.${value}`) }))}
          selected={rights}
          onChange={setRights}
        />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('consent.submit')}
        </button>
      </form>
      <StatusMessage>{done}</StatusMessage>
    </>
  );
}
