import { useState, type FormEvent } from 'react';
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
import { validate } from '../../app/validation';
import { ErrorSummary } from '../../components/ErrorSummary';
import { CheckboxGroup, SelectField, TextField } from '../../components/fields';
import { useForm } from '../../components/useForm';
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
  const [name, setName] = useState('');
  const [origin, setOrigin] = useState('');
  const [approach, setApproach] = useState<InvestigationApproach | ''>('');
  const [forms, setForms] = useState<FormOfExploitation[]>([]);
  const [recruitment, setRecruitment] = useState('');
  const [transit, setTransit] = useState('');
  const [exploitation, setExploitation] = useState('');
  const [agencyIds, setAgencyIds] = useState<string[]>([]);
  const [acts, setActs] = useState<ProtocolAct[]>([]);
  const [means, setMeans] = useState<ProtocolMeans[]>([]);
  const [purposes, setPurposes] = useState<ProtocolPurpose[]>([]);
  const [startedOn, setStartedOn] = useState('');
  const form = useForm({
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
  });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const places: OperationPlace[] = [
      ...splitCodes(recruitment).map((country) => ({ stage: 'recruitment' as const, country })),
      ...splitCodes(transit).map((country) => ({ stage: 'transit' as const, country })),
      ...splitCodes(exploitation).map((country) => ({ stage: 'exploitation' as const, country })),
    ];
    const body = {
      name,
      origin: origin || undefined,
      approach: approach || undefined,
      formsOfExploitation: forms,
      places,
      agencyOrganisationIds: agencyIds,
      protocol: { acts, means, purposes },
      startedOn,
    };
    const checked = validate(createOperationRequest, body);
    if (!checked.ok) {
      form.fail(localiseIssues(t, checked.issues));
      return;
    }
    const request = checked.data;
    const saved = await form.run(async () => {
      await recordOperation(request);
    });
    if (saved) {
      setName('');
      setOrigin('');
      setApproach('');
      setForms([]);
      setRecruitment('');
      setTransit('');
      setExploitation('');
      setAgencyIds([]);
      setActs([]);
      setMeans([]);
      setPurposes([]);
      setStartedOn('');
      onRecorded(request.name);
    }
  }

  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <TextField id="operation-name" label={t('prosecution.operationName')} value={name} onValueChange={setName} error={form.errorFor('name')} />
        <TextField id="operation-started" type="date" label={t('prosecution.startedOn')} value={startedOn} onValueChange={setStartedOn} error={form.errorFor('startedOn')} />
        <SelectField id="operation-origin" label={t('prosecution.origin')} value={origin} onValueChange={setOrigin} error={form.errorFor('origin')}>
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
          value={approach}
          onValueChange={(value) => setApproach(investigationApproaches.find((a) => a === value) ?? '')}
          error={form.errorFor('approach')}
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
          selected={forms}
          onChange={setForms}
        />
        <TextField id="operation-recruitment" label={t('prosecution.recruitmentCountries')} hint={t('prosecution.countriesHint')} optional value={recruitment} onValueChange={setRecruitment} error={form.errorFor('places')} />
        <TextField id="operation-transit" label={t('prosecution.transitCountries')} hint={t('prosecution.countriesHint')} optional value={transit} onValueChange={setTransit} />
        <TextField id="operation-exploitation" label={t('prosecution.exploitationCountries')} hint={t('prosecution.countriesHint')} optional value={exploitation} onValueChange={setExploitation} />
        {agencies.length > 0 ? (
          <CheckboxGroup
            id="operation-agencies"
            legend={t('prosecution.agencies')}
            hint={t('prosecution.agenciesHint')}
            error={form.errorFor('agencyOrganisationIds')}
            options={agencies.map((agency) => ({ value: agency.id, label: `${agency.name} (${t(`organisationTypes.${agency.type}` as 'organisationTypes.ngo')})` }))}
            selected={agencyIds}
            onChange={setAgencyIds}
          />
        ) : null}
        <CheckboxGroup id="operation-acts" legend={t('prosecution.protocolActs')} hint={t('prosecution.protocolHint')} error={form.errorFor('protocol.acts')} options={protocolActs.map((value) => ({ value, label: labels.act(value) }))} selected={acts} onChange={setActs} />
        <CheckboxGroup id="operation-means" legend={t('prosecution.protocolMeans')} error={form.errorFor('protocol.means')} options={protocolMeans.map((value) => ({ value, label: labels.means(value) }))} selected={means} onChange={setMeans} />
        <CheckboxGroup id="operation-purposes" legend={t('prosecution.protocolPurposes')} error={form.errorFor('protocol.purposes')} options={protocolPurposes.map((value) => ({ value, label: labels.purpose(value) }))} selected={purposes} onChange={setPurposes} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('prosecution.recordOperationSubmit')}
        </button>
      </form>
    </>
  );
}
