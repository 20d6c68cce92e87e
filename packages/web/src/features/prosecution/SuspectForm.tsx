import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createSuspectRequest, suspectRoles, suspectSexes, type InvestigationView, type SuspectRole } from '@palermo/contracts';
import { validate } from '../../app/validation';
import { ErrorSummary } from '../../components/ErrorSummary';
import { CheckboxGroup, SelectField, TextField } from '../../components/fields';
import { useForm } from '../../components/useForm';
import { splitCodes } from '../cases/format';
import { localiseIssues } from '../cases/problems';
import { addSuspect } from './api';
import { useProsecutionLabels, wholeNumber, type Notice } from './labels';

interface Props {
  operationId: string;
  investigations: readonly InvestigationView[];
  onAdded: (notice: Notice) => void;
}

/** Adds a suspect under a pseudonym; who the suspect is may be given too (encrypted, shown only to those allowed). */
export function SuspectForm({ operationId, investigations, onAdded }: Props) {
  const { t } = useTranslation();
  const labels = useProsecutionLabels();
  const [investigationId, setInvestigationId] = useState(investigations.length === 1 ? (investigations[0]?.id ?? '') : '');
  const [pseudonym, setPseudonym] = useState('');
  const [roles, setRoles] = useState<SuspectRole[]>([]);
  const [sex, setSex] = useState('');
  const [citizenships, setCitizenships] = useState('');
  const [age, setAge] = useState('');
  const [givenName, setGivenName] = useState('');
  const [familyName, setFamilyName] = useState('');
  const form = useForm({
    investigationId: { id: 'suspect-investigation', label: t('prosecution.investigation') },
    pseudonym: { id: 'suspect-pseudonym', label: t('prosecution.pseudonym') },
    roles: { id: 'suspect-roles', label: t('prosecution.roles') },
    sex: { id: 'suspect-sex', label: t('prosecution.sex') },
    citizenships: { id: 'suspect-citizenships', label: t('prosecution.citizenships') },
    ageAtOffence: { id: 'suspect-age', label: t('prosecution.ageAtOffence') },
    'identity.givenName': { id: 'suspect-given-name', label: t('prosecution.givenName') },
    'identity.familyName': { id: 'suspect-family-name', label: t('prosecution.familyName') },
  });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const identity = {
      ...(givenName.trim() ? { givenName } : {}),
      ...(familyName.trim() ? { familyName } : {}),
    };
    const body = {
      investigationId,
      pseudonym,
      roles,
      sex: sex || undefined,
      citizenships: splitCodes(citizenships),
      ageAtOffence: wholeNumber(age),
      ...(Object.keys(identity).length > 0 ? { identity } : {}),
    };
    const checked = validate(createSuspectRequest, body);
    if (!checked.ok) {
      form.fail(localiseIssues(t, checked.issues));
      return;
    }
    const request = checked.data;
    if (await form.run(async () => void (await addSuspect(operationId, request)))) {
      setPseudonym('');
      setRoles([]);
      setSex('');
      setCitizenships('');
      setAge('');
      setGivenName('');
      setFamilyName('');
      onAdded((say) => say('prosecution.suspectAdded', { pseudonym: request.pseudonym }));
    }
  }

  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <SelectField id="suspect-investigation" label={t('prosecution.investigation')} value={investigationId} onValueChange={setInvestigationId} error={form.errorFor('investigationId')}>
          <option value="">{t('prosecution.choose')}</option>
          {investigations.map((investigation) => (
            <option key={investigation.id} value={investigation.id}>
              {investigation.title}
            </option>
          ))}
        </SelectField>
        <TextField id="suspect-pseudonym" label={t('prosecution.pseudonym')} hint={t('prosecution.pseudonymHint')} value={pseudonym} onValueChange={setPseudonym} error={form.errorFor('pseudonym')} />
        <CheckboxGroup id="suspect-roles" legend={t('prosecution.roles')} error={form.errorFor('roles')} options={suspectRoles.map((value) => ({ value, label: labels.role(value) }))} selected={roles} onChange={setRoles} />
        <SelectField id="suspect-sex" label={t('prosecution.sex')} value={sex} onValueChange={setSex} error={form.errorFor('sex')}>
          <option value="">{t('prosecution.choose')}</option>
          {suspectSexes.map((value) => (
            <option key={value} value={value}>
              {labels.sex(value)}
            </option>
          ))}
        </SelectField>
        <TextField id="suspect-citizenships" label={t('prosecution.citizenships')} hint={t('prosecution.countriesHint')} optional value={citizenships} onValueChange={setCitizenships} error={form.errorFor('citizenships')} />
        <TextField id="suspect-age" inputMode="numeric" label={t('prosecution.ageAtOffence')} optional value={age} onValueChange={setAge} error={form.errorFor('ageAtOffence')} />
        <TextField id="suspect-given-name" label={t('prosecution.givenName')} hint={t('prosecution.identityHint')} optional value={givenName} onValueChange={setGivenName} error={form.errorFor('identity.givenName')} />
        <TextField id="suspect-family-name" label={t('prosecution.familyName')} optional value={familyName} onValueChange={setFamilyName} error={form.errorFor('identity.familyName')} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('prosecution.addSuspectSubmit')}
        </button>
      </form>
    </>
  );
}
