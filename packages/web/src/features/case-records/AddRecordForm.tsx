import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addCaseRecordRequest, type AssistancePlanView, type CaseRecordKind, type CaseRecordView } from '@palermo/contracts';
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
import { RecordFieldInputs, dataFrom, fieldId, valuesFrom, type FieldValue, type Values } from './RecordFieldInputs';
import { kindSpecs } from './recordFields';
import { useVocab } from './vocab';

interface Props extends CaseActionProps {
  plan: AssistancePlanView | null;
  onAdded: () => void;
  /** A record to correct: the form starts from its values, and the new record supersedes it (the old one stays in the history). */
  correcting?: CaseRecordView | undefined;
}

const offered = (Object.keys(kindSpecs) as CaseRecordKind[]).filter((kind) => kindSpecs[kind] !== undefined);

/** Adds one record to the case: the kind first, then that kind's fields, then notes (stored encrypted). */
export function AddRecordForm({ caseView, organisations, plan, onAdded, onStale, correcting }: Props) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const prefix = correcting ? `correct-${correcting.id}` : 'record';
  const [kind, setKind] = useState<CaseRecordKind | ''>(correcting?.kind ?? '');
  const [values, setValues] = useState<Values>(() => {
    const fields = correcting ? kindSpecs[correcting.kind]?.fields : undefined;
    return correcting && fields ? valuesFrom(fields, { ...correcting.data }) : {};
  });
  const [needs, setNeeds] = useState<NeedsValue>({});
  const [notes, setNotes] = useState(correcting?.notes ?? '');
  const [done, setDone] = useState('');
  const spec = kind === '' ? undefined : kindSpecs[kind];
  // The kinds the server lets this reader add (an organisation that accepted a referral records what it does).
  const allowed = caseView.recordKinds;
  const kinds = offered.filter((candidate) => (!kindSpecs[candidate]?.childOnly || caseView.person?.isChild === true) && (allowed === undefined || allowed.includes(candidate)));
  const form = useForm({
    kind: { id: `${prefix}-kind`, label: t('records.kind') },
    'data.needs': { id: 'record-needs', label: t('records.needsLegend') },
    ...Object.fromEntries((spec?.fields ?? []).map((field) => [`data.${field.name}`, { id: fieldId(field.name, prefix), label: t(`recordFields.${field.label}`) }])),
    notes: { id: `${prefix}-notes`, label: spec ? t(`recordFields.${spec.notesLabel}`) : t('recordFields.notes') },
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
      ...(correcting ? { supersedesId: correcting.id } : {}),
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
      setDone(t(correcting ? 'records.corrected' : 'records.added', { kind: t(`recordKinds.${kind}`) }));
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
        {correcting ? (
          <p className="hint">{t('records.correctHint')}</p>
        ) : (
          <SelectField id="record-kind" label={t('records.kind')} value={kind} onValueChange={choose} error={form.errorFor('kind')}>
            <option value="">{t('records.chooseKind')}</option>
            {kinds.map((candidate) => (
              <option key={candidate} value={candidate}>
                {t(`recordKinds.${candidate}`)}
              </option>
            ))}
          </SelectField>
        )}
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
              idPrefix={prefix}
            />
            <TextAreaField
              id={`${prefix}-notes`}
              label={t(`recordFields.${spec.notesLabel}`)}
              hint={t(`recordFields.${spec.notesHint ?? 'notesHint'}`)}
              optional={spec.notes === 'optional'}
              value={notes}
              onValueChange={setNotes}
              error={form.errorFor('notes')}
            />
            <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
              {correcting ? t('records.correctSubmit') : t('records.submit')}
            </button>
          </>
        ) : null}
      </form>
      <StatusMessage>{done}</StatusMessage>
    </>
  );
}
