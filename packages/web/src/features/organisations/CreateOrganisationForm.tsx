import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createOrganisationRequest, organisationTypes, type OrganisationView } from '@palermo/contracts';
import { validate } from '../../app/validation';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/fields';
import { useForm } from '../../components/useForm';
import { createOrganisation } from './api';

function splitList(text: string): string[] {
  return text
    .split(/[,،;\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export function CreateOrganisationForm({ onCreated }: { onCreated: (organisation: OrganisationView) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [type, setType] = useState('');
  const [jurisdictions, setJurisdictions] = useState('');
  const form = useForm({
    name: { id: 'organisation-name', label: t('organisations.name') },
    type: { id: 'organisation-type', label: t('organisations.type') },
    jurisdictions: { id: 'organisation-jurisdictions', label: t('organisations.jurisdictions') },
  });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(createOrganisationRequest, { name, type, jurisdictions: splitList(jurisdictions) });
    if (!checked.ok) {
      form.fail(checked.issues);
      return;
    }
    await form.run(async () => {
      const created = await createOrganisation(checked.data);
      setName('');
      setType('');
      setJurisdictions('');
      onCreated(created);
    });
  }

  return (
    <section aria-labelledby="organisation-create-title">
      <h2 id="organisation-create-title">{t('organisations.createTitle')}</h2>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <TextField
          id="organisation-name"
          label={t('organisations.name')}
          value={name}
          onValueChange={setName}
          error={form.errorFor('name')}
          autoComplete="off"
        />
        <SelectField
          id="organisation-type"
          label={t('organisations.type')}
          value={type}
          onValueChange={setType}
          error={form.errorFor('type')}
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
          value={jurisdictions}
          onValueChange={setJurisdictions}
          error={form.errorFor('jurisdictions')}
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
