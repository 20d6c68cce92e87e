import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addCaseRecordRequest, type AssistancePlanView, type CaseRecordKind, type CaseRecordView } from '@palermo/contracts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField } from '../../components/fields';
import { StatusMessage } from '../../components/Status';
import { useContractForm } from '../../components/useForm';
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
const specOf = (kind: CaseRecordKind | '') => (kind === '' ? undefined : kindSpecs[kind]);

/** Adds one record to the case: the kind first, then that kind's fields, then notes (stored encrypted). */
export function AddRecordForm({ caseView, organisations, plan, onAdded, onStale, correcting }: Props) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const prefix = correcting ? `correct-${correcting.id}` : 'record';
  const [done, setDone] = useState('');
  // The record's fields are named by its kind: their values are kept together under `record`, sent as `data`.
  const form = useContractForm(
    addCaseRecordRequest,
    ({ kind }) => {
      const chosen = specOf(kind);
      return {
        kind: { id: `${prefix}-kind`, label: t('records.kind') },
        'data.needs': { id: 'record-needs', label: t('records.needsLegend') },
        ...Object.fromEntries((chosen?.fields ?? []).map((field) => [`data.${field.name}`, { id: fieldId(field.name, prefix), label: t(`recordFields.${field.label}`) }])),
        notes: { id: `${prefix}-notes`, label: chosen ? t(`recordFields.${chosen.notesLabel}`) : t('recordFields.notes') },
      };
    },
    {
      kind: (correcting?.kind ?? '') as CaseRecordKind | '',
      record: ((): Values => {
        const fields = correcting ? kindSpecs[correcting.kind]?.fields : undefined;
        return correcting && fields ? valuesFrom(fields, { ...correcting.data }) : {};
      })(),
      needs: {} as NeedsValue,
      notes: correcting?.notes ?? '',
    },
    {
      request: ({ kind, record, needs, notes }) => {
        const chosen = specOf(kind);
        if (!chosen) return { kind: undefined };
        return {
          kind,
          data: kind === 'needs_assessment' ? { needs: needsFrom(needs) } : dataFrom(chosen.fields, record),
          ...(notes.trim() ? { notes: notes.trim() } : {}),
          ...(chosen.versioned ? { version: caseView.version } : {}),
          ...(correcting ? { supersedesId: correcting.id } : {}),
        };
      },
      // Say why a required confirmation matters, rather than "choose one of the options".
      also: ({ kind, record }) =>
        kind === 'assistance_goal' && record['chosenByPerson'] !== true ? [{ field: 'data.chosenByPerson', problem: 'must be true: the person chooses their own goals' }] : [],
      // Without a kind, that is the one problem.
      localise: (issues) => localiseIssues(t, issues.some((issue) => issue.field === 'kind') ? issues.filter((issue) => !issue.field.startsWith('data')) : issues),
    },
  );
  const kind = form.value('kind');
  const values = form.value('record');
  const spec = specOf(kind);
  // The kinds the server lets this reader add (an organisation that accepted a referral records what it does).
  const allowed = caseView.recordKinds;
  const kinds = offered.filter((candidate) => (!kindSpecs[candidate]?.childOnly || caseView.person?.isChild === true) && (allowed === undefined || allowed.includes(candidate)));
  const change = useCaseChange(form, onStale);
  const goals = (plan?.goals ?? []).map((goal) => ({ id: goal.id, label: `${vocab('services', goal.domain)}: ${goal.goal ?? ''}` }));

  function choose(next: string) {
    form.clear({ kind: offered.find((candidate) => candidate === next) ?? '', record: {}, needs: {}, notes: form.value('notes') });
    setDone('');
  }

  const add = form.check(async (request) => {
    const saved = await change(async (post) => {
      await addRecord(post, caseView.id, request);
    });
    if (saved) {
      setDone(t(correcting ? 'records.corrected' : 'records.added', { kind: t(`recordKinds.${request.kind}`) }));
      form.clear({ kind, record: {}, needs: {}, notes: '' });
      onAdded();
    }
  });
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    setDone('');
    await add(event);
  }

  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        {correcting ? (
          <p className="hint">{t('records.correctHint')}</p>
        ) : (
          <SelectField id="record-kind" label={t('records.kind')} {...form.text('kind')} onValueChange={choose}>
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
            {kind === 'needs_assessment' ? <NeedsInput value={form.value('needs')} onChange={(needs) => form.set('needs', needs)} error={form.errorFor('data.needs')} /> : null}
            <RecordFieldInputs
              fields={spec.fields}
              values={values}
              onChange={(name: string, value: FieldValue) => form.set('record', { ...form.values().record, [name]: value })}
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
              {...form.text('notes')}
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
