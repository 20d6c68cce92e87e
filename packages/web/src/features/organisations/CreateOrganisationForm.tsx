import { useTranslation } from 'react-i18next';
import { createOrganisationRequest, organisationTypes, type OrganisationView } from '@palermo/contracts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/fields';
import { useContractForm } from '../../components/useForm';
import { createOrganisation } from './api';

function splitList(text: string): string[] {
  return text
    .split(/[,،;\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export function CreateOrganisationForm({ onCreated }: { onCreated: (organisation: OrganisationView) => void }) {
  const { t } = useTranslation();
  const form = useContractForm(
    createOrganisationRequest,
    {
      name: { id: 'organisation-name', label: t('organisations.name') },
      type: { id: 'organisation-type', label: t('organisations.type') },
      jurisdictions: { id: 'organisation-jurisdictions', label: t('organisations.jurisdictions') },
    },
    { name: '', type: '', jurisdictions: '' },
    { request: (values) => ({ ...values, jurisdictions: splitList(values.jurisdictions) }) },
  );

  const onSubmit = form.submit(async (request) => {
    const created = await createOrganisation(request);
    form.clear();
    onCreated(created);
  });

  return (
    <section aria-labelledby="organisation-create-title">
      <h2 id="organisation-create-title">{t('organisations.createTitle')}</h2>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <TextField
          id="organisation-name"
          label={t('organisations.name')}
          {...form.text('name')}
          autoComplete="off"
        />
        <SelectField
          id="organisation-type"
          label={t('organisations.type')}
          {...form.text('type')}
        >
          <option value="">{t('organisations.chooseType')}</option>
          {organisationTypes.map((value) => (
            <option key={value} value={value}>
              {t(`organisationTypes.${value}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          id="organisation-jurisdictions"
          label={t('organisations.jurisdictions')}
          hint={t('organisations.jurisdictionsHint')}
          optional
          {...form.text('jurisdictions')}
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('organisations.submit')}
        </button>
      </form>
    </section>
  );
}
