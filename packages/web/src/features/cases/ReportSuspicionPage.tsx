import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { formsOfExploitation, genders, openCaseRequest, type FormOfExploitation } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { ErrorSummary } from '../../components/ErrorSummary';
import { CheckboxGroup, SelectField, TextField } from '../../components/fields';
import { useContractForm } from '../../components/useForm';
import { openCase } from './api';
import { CheckboxField, TextAreaField } from './controls';
import { splitCodes } from './format';
import { useKeyedPost } from './keyed';
import { localiseCaseError, localiseIssues } from './problems';
import './cases.css';

const textFields = ['givenName', 'familyName', 'pseudonym', 'birthDate', 'phone', 'address', 'identityNumber', 'jurisdiction', 'notes'] as const;
type TextFieldName = (typeof textFields)[number];

/** Reporting a suspicion opens a case. Every field is optional: intake may be anonymous. */
export function ReportSuspicionPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const post = useKeyedPost();
  const label = {
    givenName: t('report.givenName'),
    familyName: t('report.familyName'),
    pseudonym: t('report.pseudonym'),
    birthDate: t('report.birthDate'),
    phone: t('report.phone'),
    address: t('report.address'),
    identityNumber: t('report.identityNumber'),
    jurisdiction: t('report.jurisdiction'),
    notes: t('report.notes'),
  } satisfies Record<TextFieldName, string>;
  const form = useContractForm(
    openCaseRequest,
    {
      ...Object.fromEntries(textFields.map((name) => [`person.${name}`, { id: `report-${name}`, label: label[name] }])),
      'person.gender': { id: 'report-gender', label: t('report.gender') },
      'person.citizenships': { id: 'report-citizenships', label: t('report.citizenships') },
      formsOfExploitation: { id: 'report-forms', label: t('report.forms') },
      countryOfExploitation: { id: 'report-country', label: t('report.country') },
    },
    {
      person: { ...(Object.fromEntries(textFields.map((name) => [name, ''])) as Record<TextFieldName, string>), gender: '', citizenships: '', isChild: false },
      formsOfExploitation: [] as FormOfExploitation[],
      countryOfExploitation: '',
    },
    {
      // Every field may be left empty (intake may be anonymous): what is empty is not sent.
      request: ({ person: values, formsOfExploitation: forms, countryOfExploitation: country }) => {
        const person: Record<string, unknown> = { citizenships: splitCodes(values.citizenships), isChild: values.isChild };
        for (const name of textFields) {
          const value = name === 'notes' ? values[name] : values[name].trim();
          if (value.trim() !== '') person[name] = value;
        }
        if (values.gender !== '') person['gender'] = values.gender;
        return { person, formsOfExploitation: forms, ...(country.trim() ? { countryOfExploitation: country.trim().toUpperCase() } : {}) };
      },
      localise: (issues) => localiseIssues(t, issues),
    },
  );

  const onSubmit = form.submit(async (request) => {
    try {
      const opened = await openCase(post, request);
      navigate(`/cases/${opened.id}`, { state: { opened: opened.reference } });
    } catch (error) {
      throw localiseCaseError(t, error);
    }
  });

  const textInput = (name: TextFieldName, extra: { hint?: string; type?: string; autoComplete?: string } = {}) => (
    <TextField
      id={`report-${name}`}
      label={label[name]}
      optional
      {...form.text(`person.${name}`)}
      autoComplete={extra.autoComplete ?? 'off'}
      {...(extra.hint ? { hint: extra.hint } : {})}
      {...(extra.type ? { type: extra.type } : {})}
    />
  );

  return (
    <Page title={t('report.title')}>
      <div className="notice">
        <p>{t('report.anonymous')}</p>
        <p>{t('report.minimum')}</p>
      </div>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <fieldset>
          <legend>{t('report.personLegend')}</legend>
          {textInput('givenName')}
          {textInput('familyName')}
          {textInput('pseudonym', { hint: t('report.pseudonymHint') })}
          {textInput('birthDate', { type: 'date' })}
          <SelectField id="report-gender" label={t('report.gender')} optional {...form.text('person.gender')}>
            <option value="">{t('report.genderNotRecorded')}</option>
            {genders.map((value) => (
              <option key={value} value={value}>
                {t(`genders.${value}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            id="report-citizenships"
            label={t('report.citizenships')}
            hint={t('report.citizenshipsHint')}
            optional
            {...form.text('person.citizenships')}
            autoComplete="off"
            spellCheck={false}
          />
          <CheckboxField id="report-child" label={t('report.child')} hint={t('report.childHint')} checked={form.value('person.isChild')} onChange={(checked) => form.set('person.isChild', checked)} />
        </fieldset>
        <fieldset>
          <legend>{t('report.contactLegend')}</legend>
          {textInput('phone', { hint: t('report.phoneHint'), type: 'tel' })}
          {textInput('address')}
          {textInput('identityNumber')}
          {textInput('jurisdiction', { hint: t('report.jurisdictionHint') })}
        </fieldset>
        <fieldset>
          <legend>{t('report.suspicionLegend')}</legend>
          <CheckboxGroup
            id="report-forms"
            legend={t('report.forms')}
            hint={t('report.formsHint')}
            error={form.errorFor('formsOfExploitation')}
            options={formsOfExploitation.map((value) => ({ value, label: t(`exploitation.${value}`) }))}
            selected={form.value('formsOfExploitation')}
            onChange={(chosen) => form.set('formsOfExploitation', chosen)}
          />
          <TextField
            id="report-country"
            label={t('report.country')}
            hint={t('report.countryHint')}
            optional
            {...form.text('countryOfExploitation')}
            autoComplete="off"
            spellCheck={false}
          />
          <TextAreaField
            id="report-notes"
            label={label.notes}
            hint={t('report.notesHint')}
            optional
            {...form.text('person.notes')}
          />
        </fieldset>
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('report.submit')}
        </button>
      </form>
    </Page>
  );
}
