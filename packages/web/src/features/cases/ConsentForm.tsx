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
  type RightExplained,
} from '@palermo/contracts';
import { useActiveSession } from '../../app/session';
import { ErrorSummary } from '../../components/ErrorSummary';
import { CheckboxGroup, SelectField } from '../../components/fields';
import { StatusMessage } from '../../components/Status';
import { useContractForm } from '../../components/useForm';
import { recordConsent } from './api';
import { RadioGroup } from './controls';
import { localiseIssues } from './problems';
import { useCaseChange, type CaseActionProps } from './useCaseChange';

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** Records consent given, refused or withdrawn, how it was obtained, and which rights were explained first. */
export function ConsentForm({ caseView, organisations, onChanged, onStale }: CaseActionProps) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const [done, setDone] = useState('');
  const blank = { purpose: '', targetOrganisationId: '', status: '', method: '', rightsExplained: [] as RightExplained[] };
  const form = useContractForm(
    consentEventRequest,
    {
      purpose: { id: 'consent-purpose', label: t('consent.purpose') },
      targetOrganisationId: { id: 'consent-target', label: t('consent.target') },
      status: { id: 'consent-status', label: t('consent.status') },
      method: { id: 'consent-method', label: t('consent.method') },
      rightsExplained: { id: 'consent-rights', label: t('consent.rights') },
    },
    blank,
    {
      request: ({ purpose, targetOrganisationId: target, status, method, rightsExplained: rights }) => ({
        purpose: isOneOf<ConsentPurpose>(consentPurposes, purpose) ? purpose : undefined,
        targetOrganisationId: purpose === 'referral' && target ? target : undefined,
        status: status || undefined,
        method: isOneOf<ConsentMethod>(consentMethods, method) ? method : undefined,
        rightsExplained: rights,
      }),
      also: ({ purpose, targetOrganisationId }) =>
        purpose === 'referral' && !targetOrganisationId ? [{ field: 'targetOrganisationId', problem: 'is required for consent to referral: name the organisation' }] : [],
      localise: (issues) => localiseIssues(t, issues),
    },
  );
  const change = useCaseChange(form, onStale);
  const targets = organisations.filter((organisation) => organisation.id !== session.user.organisation.id);
  const purpose = form.value('purpose');

  const record = form.check(async (request) => {
    const saved = await change(async (post) => {
      await recordConsent(post, caseView.id, request);
    });
    if (saved) {
      setDone(t('consent.recordedNotice', { purpose: t(`consentPurposes.${request.purpose}`), status: t(`consentStatuses.${request.status}`) }));
      form.clear(blank);
      onChanged();
    }
  });
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    setDone('');
    await record(event);
  }

  return (
    <>
      <p className="hint">{t('consent.intro')}</p>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <SelectField id="consent-purpose" label={t('consent.purpose')} {...form.text('purpose')}>
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
            {...form.text('targetOrganisationId')}
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
          value={form.value('status')}
          onChange={(value) => form.set('status', value)}
          inline
        />
        <SelectField id="consent-method" label={t('consent.method')} {...form.text('method')}>
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
          selected={form.value('rightsExplained')}
          onChange={(chosen) => form.set('rightsExplained', chosen)}
        />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('consent.submit')}
        </button>
      </form>
      <StatusMessage>{done}</StatusMessage>
    </>
  );
}
