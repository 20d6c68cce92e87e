import { useTranslation } from 'react-i18next';
import {
  createOperationRequest,
  formsOfExploitation,
  investigationApproaches,
  operationOrigins,
  protocolActs,
  protocolMeans,
  protocolPurposes,
  type FormOfExploitation,
  type InvestigationApproach,
  type OperationPlace,
  type ProtocolAct,
  type ProtocolMeans,
  type ProtocolPurpose,
} from '@palermo/contracts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { CheckboxGroup, SelectField, TextField } from '../../components/fields';
import { useContractForm } from '../../components/useForm';
import { splitCodes } from '../cases/format';
import { localiseIssues } from '../cases/problems';
import { recordOperation } from './api';
import { useProsecutionLabels } from './labels';

interface Props {
  agencies: readonly { id: string; name: string; type: string }[];
  onRecorded: (name: string) => void;
}

/** Records an operation for the user's law-enforcement organisation: how it came to light, what it was, where, with whom. */
export function OperationForm({ agencies, onRecorded }: Props) {
  const { t } = useTranslation();
  const labels = useProsecutionLabels();
  const blank = {
    name: '',
    origin: '',
    approach: '' as InvestigationApproach | '',
    formsOfExploitation: [] as FormOfExploitation[],
    recruitment: '',
    transit: '',
    exploitation: '',
    agencyOrganisationIds: [] as string[],
    protocol: { acts: [] as ProtocolAct[], means: [] as ProtocolMeans[], purposes: [] as ProtocolPurpose[] },
    startedOn: '',
  };
  const form = useContractForm(
    createOperationRequest,
    {
      name: { id: 'operation-name', label: t('prosecution.operationName') },
      origin: { id: 'operation-origin', label: t('prosecution.origin') },
      approach: { id: 'operation-approach', label: t('prosecution.approach') },
      formsOfExploitation: { id: 'operation-forms', label: t('prosecution.formsOfExploitation') },
      places: { id: 'operation-recruitment', label: t('prosecution.placesLabel') },
      agencyOrganisationIds: { id: 'operation-agencies', label: t('prosecution.agencies') },
      'protocol.acts': { id: 'operation-acts', label: t('prosecution.protocolActs') },
      'protocol.means': { id: 'operation-means', label: t('prosecution.protocolMeans') },
      'protocol.purposes': { id: 'operation-purposes', label: t('prosecution.protocolPurposes') },
      startedOn: { id: 'operation-started', label: t('prosecution.startedOn') },
    },
    blank,
    {
      // The countries of each stage, typed as lists, are sent as places.
      request: ({ recruitment, transit, exploitation, origin, approach, ...values }) => {
        const places: OperationPlace[] = [
          ...splitCodes(recruitment).map((country) => ({ stage: 'recruitment' as const, country })),
          ...splitCodes(transit).map((country) => ({ stage: 'transit' as const, country })),
          ...splitCodes(exploitation).map((country) => ({ stage: 'exploitation' as const, country })),
        ];
        return { ...values, origin: origin || undefined, approach: approach || undefined, places };
      },
      localise: (issues) => localiseIssues(t, issues),
    },
  );
  const protocol = form.value('protocol');

  const onSubmit = form.submit(async (request) => {
    await recordOperation(request);
    form.clear(blank);
    onRecorded(request.name);
  });

  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <TextField id="operation-name" label={t('prosecution.operationName')} {...form.text('name')} />
        <TextField id="operation-started" type="date" label={t('prosecution.startedOn')} {...form.text('startedOn')} />
        <SelectField id="operation-origin" label={t('prosecution.origin')} {...form.text('origin')}>
          <option value="">{t('prosecution.choose')}</option>
          {operationOrigins.map((value) => (
            <option key={value} value={value}>
              {labels.origin(value)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="operation-approach"
          label={t('prosecution.approach')}
          hint={t('prosecution.approachHint')}
          {...form.text('approach')}
          onValueChange={(value) => form.set('approach', investigationApproaches.find((a) => a === value) ?? '')}
        >
          <option value="">{t('prosecution.choose')}</option>
          {investigationApproaches.map((value) => (
            <option key={value} value={value}>
              {labels.approach(value)}
            </option>
          ))}
        </SelectField>
        <CheckboxGroup
          id="operation-forms"
          legend={t('prosecution.formsOfExploitation')}
          error={form.errorFor('formsOfExploitation')}
          options={formsOfExploitation.map((value) => ({ value, label: labels.exploitation(value) }))}
          selected={form.value('formsOfExploitation')}
          onChange={(chosen) => form.set('formsOfExploitation', chosen)}
        />
        <TextField id="operation-recruitment" label={t('prosecution.recruitmentCountries')} hint={t('prosecution.countriesHint')} optional {...form.text('recruitment')} error={form.errorFor('places')} />
        <TextField id="operation-transit" label={t('prosecution.transitCountries')} hint={t('prosecution.countriesHint')} optional {...form.text('transit')} error={undefined} />
        <TextField id="operation-exploitation" label={t('prosecution.exploitationCountries')} hint={t('prosecution.countriesHint')} optional {...form.text('exploitation')} error={undefined} />
        {agencies.length > 0 ? (
          <CheckboxGroup
            id="operation-agencies"
            legend={t('prosecution.agencies')}
            hint={t('prosecution.agenciesHint')}
            error={form.errorFor('agencyOrganisationIds')}
            options={agencies.map((agency) => ({ value: agency.id, label: `${agency.name} (${t(`organisationTypes.${agency.type}` as 'organisationTypes.ngo')})` }))}
            selected={form.value('agencyOrganisationIds')}
            onChange={(chosen) => form.set('agencyOrganisationIds', chosen)}
          />
        ) : null}
        <CheckboxGroup id="operation-acts" legend={t('prosecution.protocolActs')} hint={t('prosecution.protocolHint')} error={form.errorFor('protocol.acts')} options={protocolActs.map((value) => ({ value, label: labels.act(value) }))} selected={protocol.acts} onChange={(chosen) => form.set('protocol.acts', chosen)} />
        <CheckboxGroup id="operation-means" legend={t('prosecution.protocolMeans')} error={form.errorFor('protocol.means')} options={protocolMeans.map((value) => ({ value, label: labels.means(value) }))} selected={protocol.means} onChange={(chosen) => form.set('protocol.means', chosen)} />
        <CheckboxGroup id="operation-purposes" legend={t('prosecution.protocolPurposes')} error={form.errorFor('protocol.purposes')} options={protocolPurposes.map((value) => ({ value, label: labels.purpose(value) }))} selected={protocol.purposes} onChange={(chosen) => form.set('protocol.purposes', chosen)} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('prosecution.recordOperationSubmit')}
        </button>
      </form>
    </>
  );
}
