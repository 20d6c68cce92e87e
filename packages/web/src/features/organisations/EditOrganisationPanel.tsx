import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { updateOrganisationRequest, type OrganisationView } from '@palermo/contracts';
import { validate } from '../../app/validation';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { useForm } from '../../components/useForm';
import { updateOrganisation } from './api';

const splitList = (text: string) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

interface Props {
  organisation: OrganisationView;
  onSaved: (organisation: OrganisationView) => void;
  onClose: () => void;
}

/** Renaming an organisation and setting where it works. Its users are signed out so their sessions carry the change. */
export function EditOrganisationPanel({ organisation, onSaved, onClose }: Props) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [name, setName] = useState(organisation.name);
  const [jurisdictions, setJurisdictions] = useState(organisation.jurisdictions.join(', '));
  const form = useForm({
    name: { id: 'edit-organisation-name', label: t('organisations.name') },
    jurisdictions: { id: 'edit-organisation-jurisdictions', label: t('organisations.jurisdictions') },
  });
  useEffect(() => {
    heading.current?.focus();
  }, [organisation.id]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(updateOrganisationRequest, {
      ...(name !== organisation.name ? { name } : {}),
      jurisdictions: splitList(jurisdictions),
    });
    if (!checked.ok) {
      form.fail(checked.issues);
      return;
    }
    await form.run(async () => {
      onSaved(await updateOrganisation(organisation.id, checked.data));
    });
  }

  return (
    <section aria-labelledby="edit-organisation-title" className="panel">
      <h2 id="edit-organisation-title" ref={heading} tabIndex={-1}>
        {t('organisations.editTitle', { name: organisation.name })}
      </h2>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <TextField id="edit-organisation-name" label={t('organisations.name')} value={name} onValueChange={setName} error={form.errorFor('name')} autoComplete="off" />
        <TextField
          id="edit-organisation-jurisdictions"
          label={t('organisations.jurisdictions')}
          hint={t('organisations.jurisdictionsHint')}
          required={false}
          value={jurisdictions}
          onValueChange={setJurisdictions}
          error={form.errorFor('jurisdictions')}
          autoComplete="off"
        />
        <p className="hint">{t('organisations.editSignsOut')}</p>
        <div className="filter-buttons">
          <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
            {t('organisations.save')}
          </button>
          <button type="button" onClick={onClose}>
            {t('organisations.close')}
          </button>
        </div>
      </form>
    </section>
  );
}
