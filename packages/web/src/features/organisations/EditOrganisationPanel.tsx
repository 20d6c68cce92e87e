import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { updateOrganisationRequest, type OrganisationView } from '@palermo/contracts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { useContractForm } from '../../components/useForm';
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
  const form = useContractForm(
    updateOrganisationRequest,
    {
      name: { id: 'edit-organisation-name', label: t('organisations.name') },
      jurisdictions: { id: 'edit-organisation-jurisdictions', label: t('organisations.jurisdictions') },
    },
    { name: organisation.name, jurisdictions: organisation.jurisdictions.join(', ') },
    {
      request: ({ name, jurisdictions }) => ({
        ...(name !== organisation.name ? { name } : {}),
        jurisdictions: splitList(jurisdictions),
      }),
    },
  );
  useEffect(() => {
    heading.current?.focus();
  }, [organisation.id]);

  const onSubmit = form.submit(async (request) => {
    onSaved(await updateOrganisation(organisation.id, request));
  });

  return (
    <section aria-labelledby="edit-organisation-title" className="panel">
      <h2 id="edit-organisation-title" ref={heading} tabIndex={-1}>
        {t('organisations.editTitle', { name: organisation.name })}
      </h2>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <TextField id="edit-organisation-name" label={t('organisations.name')} {...form.text('name')} autoComplete="off" />
        <TextField
          id="edit-organisation-jurisdictions"
          label={t('organisations.jurisdictions')}
          hint={t('organisations.jurisdictionsHint')}
          required={false}
          {...form.text('jurisdictions')}
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
