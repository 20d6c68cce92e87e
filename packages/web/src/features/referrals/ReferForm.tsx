import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { protectionServices, roleAllowedIn, type ProtectionService, type ShareablePersonField } from '@palermo/contracts';
import { useActiveSession } from '../../app/session';
import { validate } from '../../app/validation';
import { ErrorSummary } from '../../components/ErrorSummary';
import { CheckboxGroup, SelectField } from '../../components/fields';
import { useForm } from '../../components/useForm';
import { RadioGroup, TextAreaField } from '../cases/controls';
import { localiseIssues } from '../cases/problems';
import { useCaseChange, type CaseActionProps } from '../cases/useCaseChange';
import { sendReferral } from './api';
import { referralDataSet, referralKinds, referralUrgencies, sendReferralRequest, type ReferralKind, type ReferralUrgency } from './contracts';

const isService = (value: string): value is ProtectionService => (protectionServices as readonly string[]).includes(value);

/**
 * Refers the person to another organisation for a service, or hands case management over. Only the minimum data set
 * of the service crosses (it can be narrowed here, never widened), and only with the person's consent to referral to
 * that organisation.
 */
export function ReferForm({ caseView, organisations, onChanged, onStale }: CaseActionProps) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const [to, setTo] = useState('');
  const [kind, setKind] = useState<ReferralKind>('service');
  const [service, setService] = useState('');
  const [urgency, setUrgency] = useState<ReferralUrgency>('routine');
  const [fields, setFields] = useState<ShareablePersonField[] | null>(null);
  const [message, setMessage] = useState('');
  const form = useForm({
    toOrganisationId: { id: 'refer-to', label: t('refer.to') },
    kind: { id: 'refer-kind', label: t('refer.kind') },
    service: { id: 'refer-service', label: t('refer.service') },
    urgency: { id: 'refer-urgency', label: t('refer.urgency') },
    personFields: { id: 'refer-fields', label: t('refer.fields') },
    message: { id: 'refer-message', label: t('refer.message') },
  });
  const change = useCaseChange(form, onStale);
  // Organisations that can receive a referral: another one, with caseworkers to receive it.
  const targets = organisations.filter(
    (organisation) => organisation.id !== session.user.organisation.id && roleAllowedIn('caseworker', organisation.type),
  );
  const dataSet = referralDataSet(kind, isService(service) ? service : undefined);
  const chosenFields = (fields ?? [...dataSet]).filter((field) => dataSet.includes(field));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = {
      toOrganisationId: to || undefined,
      kind,
      ...(isService(service) ? { service } : {}),
      personFields: chosenFields,
      urgency,
      ...(message.trim() ? { message: message.trim() } : {}),
      ...(kind === 'case_transfer' ? { version: caseView.version } : {}),
    };
    const checked = validate(sendReferralRequest, body);
    if (!checked.ok) {
      form.fail(localiseIssues(t, checked.issues));
      return;
    }
    const request = checked.data;
    const saved = await change(async (post) => {
      await sendReferral(post, caseView.id, request);
    });
    if (saved) {
      const name = targets.find((organisation) => organisation.id === request.toOrganisationId)?.name ?? '';
      setTo('');
      setKind('service');
      setUrgency('routine');
      setService('');
      setFields(null);
      setMessage('');
      onChanged(t(kind === 'case_transfer' ? 'refer.transferSent' : 'refer.sent', { name }));
    }
  }

  return (
    <>
      <p className="hint">{t('refer.intro')}</p>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <SelectField id="refer-to" label={t('refer.to')} value={to} onValueChange={setTo} error={form.errorFor('toOrganisationId')}>
          <option value="">{t('consent.chooseOrganisation')}</option>
          {targets.map((organisation) => (
            <option key={organisation.id} value={organisation.id}>
              {organisation.name} ({t(`organisationTypes.${organisation.type}`)})
            </option>
          ))}
        </SelectField>
        <RadioGroup
          id="refer-kind"
          legend={t('refer.kind')}
          error={form.errorFor('kind')}
          options={referralKinds.map((value) => ({ value, label: t(`referralKinds.${value}`) }))}
          value={kind}
          onChange={(value) => {
            setKind(value);
            setFields(null);
          }}
        />
        <SelectField
          id="refer-service"
          label={t('refer.service')}
          optional={kind === 'case_transfer'}
          value={service}
          onValueChange={(value) => {
            setService(value);
            setFields(null);
          }}
          error={form.errorFor('service')}
        >
          <option value="">{t('refer.chooseService')}</option>
          {protectionServices.map((value) => (
            <option key={value} value={value}>
              {t(`services.${value}`)}
            </option>
          ))}
        </SelectField>
        <SelectField id="refer-urgency" label={t('refer.urgency')} value={urgency} onValueChange={(value) => setUrgency(referralUrgencies.find((u) => u === value) ?? 'routine')}>
          {referralUrgencies.map((value) => (
            <option key={value} value={value}>
              {t(`referralUrgencies.${value}`)}
            </option>
          ))}
        </SelectField>
        {dataSet.length > 0 ? (
          <CheckboxGroup
            id="refer-fields"
            legend={t('refer.fields')}
            hint={t('refer.fieldsHint')}
            error={form.errorFor('personFields')}
            options={dataSet.map((field) => ({ value: field, label: t(`personFields.${field}`) }))}
            selected={chosenFields}
            onChange={setFields}
          />
        ) : (
          <p className="hint">{kind === 'service' && !isService(service) ? t('refer.chooseServiceFirst') : t('refer.noFields')}</p>
        )}
        <TextAreaField id="refer-message" label={t('refer.message')} hint={t('refer.messageHint')} optional value={message} onValueChange={setMessage} error={form.errorFor('message')} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('refer.submit')}
        </button>
      </form>
    </>
  );
}
