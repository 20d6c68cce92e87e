import { useTranslation } from 'react-i18next';
import { protectionServices, roleAllowedIn, type ProtectionService, type ShareablePersonField } from '@palermo/contracts';
import { useActiveSession } from '../../app/session';
import { ErrorSummary } from '../../components/ErrorSummary';
import { CheckboxGroup, SelectField } from '../../components/fields';
import { useContractForm } from '../../components/useForm';
import { RadioGroup, TextAreaField } from '../cases/controls';
import { localiseIssues } from '../cases/problems';
import { useCaseChange, type CaseActionProps } from '../cases/useCaseChange';
import { sendReferral } from './api';
import { referralDataSet, referralKinds, referralUrgencies, sendReferralRequest, type ReferralKind, type ReferralUrgency } from './contracts';

const isService = (value: string): value is ProtectionService => (protectionServices as readonly string[]).includes(value);

/** The fields of the person sent: those chosen, or the whole minimum data set of the kind and service until some are. */
function chosenFieldsOf(kind: ReferralKind, service: string, chosen: readonly ShareablePersonField[] | null): ShareablePersonField[] {
  const dataSet = referralDataSet(kind, isService(service) ? service : undefined);
  return (chosen ?? [...dataSet]).filter((field) => dataSet.includes(field));
}

/**
 * Refers the person to another organisation for a service, or hands case management over. Only the minimum data set
 * of the service crosses (it can be narrowed here, never widened), and only with the person's consent to referral to
 * that organisation.
 */
export function ReferForm({ caseView, organisations, onChanged, onStale }: CaseActionProps) {
  const { t } = useTranslation();
  const session = useActiveSession();
  // Organisations that can receive a referral: another one, with caseworkers to receive it.
  const targets = organisations.filter(
    (organisation) => organisation.id !== session.user.organisation.id && roleAllowedIn('caseworker', organisation.type),
  );
  const blank = { toOrganisationId: '', kind: 'service' as ReferralKind, service: '', urgency: 'routine' as ReferralUrgency, personFields: null as ShareablePersonField[] | null, message: '' };
  const form = useContractForm(
    sendReferralRequest,
    {
      toOrganisationId: { id: 'refer-to', label: t('refer.to') },
      kind: { id: 'refer-kind', label: t('refer.kind') },
      service: { id: 'refer-service', label: t('refer.service') },
      urgency: { id: 'refer-urgency', label: t('refer.urgency') },
      personFields: { id: 'refer-fields', label: t('refer.fields') },
      message: { id: 'refer-message', label: t('refer.message') },
    },
    blank,
    {
      request: ({ toOrganisationId, kind, service, urgency, personFields, message }) => ({
        toOrganisationId: toOrganisationId || undefined,
        kind,
        ...(isService(service) ? { service } : {}),
        personFields: chosenFieldsOf(kind, service, personFields),
        urgency,
        ...(message.trim() ? { message: message.trim() } : {}),
        ...(kind === 'case_transfer' ? { version: caseView.version } : {}),
      }),
      localise: (issues) => localiseIssues(t, issues),
    },
  );
  const change = useCaseChange(form, onStale);
  const kind = form.value('kind');
  const service = form.value('service');
  const dataSet = referralDataSet(kind, isService(service) ? service : undefined);
  const chosenFields = chosenFieldsOf(kind, service, form.value('personFields'));

  const onSubmit = form.check(async (request) => {
    const saved = await change(async (post) => {
      await sendReferral(post, caseView.id, request);
    });
    if (saved) {
      const name = targets.find((organisation) => organisation.id === request.toOrganisationId)?.name ?? '';
      form.clear(blank);
      onChanged(t(request.kind === 'case_transfer' ? 'refer.transferSent' : 'refer.sent', { name }));
    }
  });

  return (
    <>
      <p className="hint">{t('refer.intro')}</p>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <SelectField id="refer-to" label={t('refer.to')} {...form.text('toOrganisationId')}>
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
            form.set('kind', value);
            form.set('personFields', null);
          }}
        />
        <SelectField
          id="refer-service"
          label={t('refer.service')}
          optional={kind === 'case_transfer'}
          {...form.text('service')}
          onValueChange={(value) => {
            form.set('service', value);
            form.set('personFields', null);
          }}
        >
          <option value="">{t('refer.chooseService')}</option>
          {protectionServices.map((value) => (
            <option key={value} value={value}>
              {t(`services.${value}`)}
            </option>
          ))}
        </SelectField>
        <SelectField id="refer-urgency" label={t('refer.urgency')} value={form.value('urgency')} onValueChange={(value) => form.set('urgency', referralUrgencies.find((u) => u === value) ?? 'routine')}>
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
            onChange={(chosen) => form.set('personFields', chosen)}
          />
        ) : (
          <p className="hint">{kind === 'service' && !isService(service) ? t('refer.chooseServiceFirst') : t('refer.noFields')}</p>
        )}
        <TextAreaField id="refer-message" label={t('refer.message')} hint={t('refer.messageHint')} optional {...form.text('message')} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('refer.submit')}
        </button>
      </form>
    </>
  );
}
