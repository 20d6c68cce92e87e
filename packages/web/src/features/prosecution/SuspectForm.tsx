import { useTranslation } from 'react-i18next';
import { createSuspectRequest, suspectRoles, suspectSexes, type InvestigationView, type SuspectRole } from '@palermo/contracts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { CheckboxGroup, SelectField, TextField } from '../../components/fields';
import { useContractForm } from '../../components/useForm';
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
  const form = useContractForm(
    createSuspectRequest,
    {
      investigationId: { id: 'suspect-investigation', label: t('prosecution.investigation') },
      pseudonym: { id: 'suspect-pseudonym', label: t('prosecution.pseudonym') },
      roles: { id: 'suspect-roles', label: t('prosecution.roles') },
      sex: { id: 'suspect-sex', label: t('prosecution.sex') },
      citizenships: { id: 'suspect-citizenships', label: t('prosecution.citizenships') },
      ageAtOffence: { id: 'suspect-age', label: t('prosecution.ageAtOffence') },
      'identity.givenName': { id: 'suspect-given-name', label: t('prosecution.givenName') },
      'identity.familyName': { id: 'suspect-family-name', label: t('prosecution.familyName') },
    },
    {
      investigationId: investigations.length === 1 ? (investigations[0]?.id ?? '') : '',
      pseudonym: '',
      roles: [] as SuspectRole[],
      sex: '',
      citizenships: '',
      ageAtOffence: '',
      identity: { givenName: '', familyName: '' },
    },
    {
      request: ({ identity: { givenName, familyName }, sex, citizenships, ageAtOffence, ...values }) => {
        const identity = {
          ...(givenName.trim() ? { givenName } : {}),
          ...(familyName.trim() ? { familyName } : {}),
        };
        return {
          ...values,
          sex: sex || undefined,
          citizenships: splitCodes(citizenships),
          ageAtOffence: wholeNumber(ageAtOffence),
          ...(Object.keys(identity).length > 0 ? { identity } : {}),
        };
      },
      localise: (issues) => localiseIssues(t, issues),
    },
  );

  const onSubmit = form.submit(async (request) => {
    await addSuspect(operationId, request);
    form.clear({ investigationId: form.value('investigationId'), pseudonym: '', roles: [], sex: '', citizenships: '', ageAtOffence: '', identity: { givenName: '', familyName: '' } });
    onAdded((say) => say('prosecution.suspectAdded', { pseudonym: request.pseudonym }));
  });

  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <SelectField id="suspect-investigation" label={t('prosecution.investigation')} {...form.text('investigationId')}>
          <option value="">{t('prosecution.choose')}</option>
          {investigations.map((investigation) => (
            <option key={investigation.id} value={investigation.id}>
              {investigation.title}
            </option>
          ))}
        </SelectField>
        <TextField id="suspect-pseudonym" label={t('prosecution.pseudonym')} hint={t('prosecution.pseudonymHint')} {...form.text('pseudonym')} />
        <CheckboxGroup id="suspect-roles" legend={t('prosecution.roles')} error={form.errorFor('roles')} options={suspectRoles.map((value) => ({ value, label: labels.role(value) }))} selected={form.value('roles')} onChange={(chosen) => form.set('roles', chosen)} />
        <SelectField id="suspect-sex" label={t('prosecution.sex')} {...form.text('sex')}>
          <option value="">{t('prosecution.choose')}</option>
          {suspectSexes.map((value) => (
            <option key={value} value={value}>
              {labels.sex(value)}
            </option>
          ))}
        </SelectField>
        <TextField id="suspect-citizenships" label={t('prosecution.citizenships')} hint={t('prosecution.countriesHint')} optional {...form.text('citizenships')} />
        <TextField id="suspect-age" inputMode="numeric" label={t('prosecution.ageAtOffence')} optional {...form.text('ageAtOffence')} />
        <TextField id="suspect-given-name" label={t('prosecution.givenName')} hint={t('prosecution.identityHint')} optional {...form.text('identity.givenName')} />
        <TextField id="suspect-family-name" label={t('prosecution.familyName')} optional {...form.text('identity.familyName')} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('prosecution.addSuspectSubmit')}
        </button>
      </form>
    </>
  );
}
