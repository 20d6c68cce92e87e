import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addCaseRecordRequest, type AssistancePlanView, type CaseRecordKind } from '@palermo/contracts';
import { validate } from '../../app/validation';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField } from '../../components/fields';
import { StatusMessage } from '../../components/Status';
import { useForm } from '../../components/useForm';
import { TextAreaField } from '../cases/controls';
import { localiseIssues } from '../cases/problems';
import { useCaseChange, type CaseActionProps } from '../cases/useCaseChange';
import { addRecord } from './api';
import { NeedsInput, needsFrom, type NeedsValue } from './NeedsInput';
import { RecordFieldInputs, dataFrom, fieldId, type FieldValue, type Values } from './RecordFieldInputs';
import { kindSpecs } from './recordFields';
import { useVocab } from './vocab';

interface Props extends CaseActionProps {
  plan: AssistancePlanView | null;
  onAdded: () => void;
}

const offered = (Object.keys(kindSpecs) as CaseRecordKind[]).filter((kind) => kindSpecs[kind] !== undefined);

/** Adds one record to the case: the kind first, then that kind's fields, then notes (stored encrypted). */
export function AddRecordForm({ caseView, organisations, plan, onAdded, onStale }: Props) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const [kind, setKind] = useState<CaseRecordKind | ''>('');
  const [values, setValues] = useState<Values>({});
  const [needs, setNeeds] = useState<NeedsValue>({});
  const [notes, setNotes] = useState('');
  const [done, setDone] = useState('');
  const spec = kind === '' ? undefined : kindSpecs[kind];
  const kinds = offered.filter((candidate) => !kindSpecs[candidate]?.childOnly || caseView.person.isChild);
  const form = useForm({
    kind: { id: 'record-kind', label: t('records.kind') },
    'data.needs': { id: 'record-needs', label: t('records.needsLegend') },
    ...Object.fromEntries((spec?.fields ?? []).map((field) => [`data.${field.name}`, { id: fieldId(field.name), label: t(`recordFields.${field.label}`) }])),
    notes: { id: 'record-notes', label: spec ? t(`recordFields.${spec.notesLabel}`) : t('recordFields.notes') },
  });
  const change = useCaseChange(form, onStale);
  const goals = (plan?.goals ?? []).map((goal) => ({ id: goal.id, label: `${vocab('services', goal.domain)}: ${goal.goal ?? ''}` }));

  function choose(next: string) {
    setKind(offered.find((candidate) => candidate === next) ?? '');
    setValues({});
    setNeeds({});
    setDone('');
    form.reset();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone('');
    if (!spec || kind === '') {
      form.fail([{ field: 'kind', problem: 'is required' }]);
      return;
    }
    const data = kind === 'needs_assessment' ? { needs: needsFrom(needs) } : dataFrom(spec.fields, values);
    const body = {
      kind,
      data,
      ...(notes.trim() ? { notes: notes.trim() } : {}),
      ...(spec.versioned ? { version: caseView.version } : {}),
    };
    const checked = validate(addCaseRecordRequest, body);
    // Say why a required confirmation matters, rather than "choose one of the options".
    const ownGoal = kind === 'assistance_goal' && values['chosenByPerson'] !== true;
    if (!checked.ok || ownGoal) {
      const issues = checked.ok ? [] : checked.issues.filter((issue) => !(ownGoal && issue.field === 'data.chosenByPerson'));
      if (ownGoal) issues.unshift({ field: 'data.chosenByPerson', problem: 'must be true: the person chooses their own goals' });
      form.fail(localiseIssues(t, issues));
      return;
    }
    const request = checked.data;
    const saved = await change(async (post) => {
      await addRecord(post, caseView.id, request);
    });
    if (saved) {
      setDone(t('records.added', { kind: t(`recordKinds.${kind}`) }));
      setValues({});
      setNeeds({});
      setNotes('');
      onAdded();
    }
  }

  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <SelectField id="record-kind" label={t('records.kind')} value={kind} onValueChange={choose} error={form.errorFor('kind')}>
          <option value="">{t('records.chooseKind')}</option>
          {kinds.map((candidate) => (
            <option key={candidate} value={candidate}>
              {t(`recordKinds.${candidate}`)}
            </option>
          ))}
        </SelectField>
        {spec ? (
          <>
            {kind === 'needs_assessment' ? <NeedsInput value={needs} onChange={setNeeds} error={form.errorFor('data.needs')} /> : null}
            <RecordFieldInputs
              fields={spec.fields}
              values={values}
              onChange={(name: string, value: FieldValue) => setValues((current) => ({ ...current, [name]: value }))}
              errorFor={form.errorFor}
              organisations={organisations}
              goals={goals}
            />
            <TextAreaField
              id="record-notes"
              label={t(`recordFields.${spec.notesLabel}`)}
              hint={t(`recordFields.${spec.notesHint ?? 'notesHint'}`)}
              optional={spec.notes === 'optional'}
              value={notes}
              onValueChange={setNotes}
              error={form.errorFor('notes')}
            />
            <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
              {t('records.submit')}
            </button>
          </>
        ) : null}
      </form>
      <StatusMessage>{done}</StatusMessage>
    </>
  );
}
