import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { indicatorAnswers, type IndicatorAnswer, type IndicatorChecklistView, type ScreeningAssessment, type ScreeningSubmission } from '@palermo/contracts';
import { useResource } from '../../app/useResource';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField } from '../../components/fields';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Status';
import { useForm } from '../../components/useForm';
import { RadioGroup, TextAreaField } from '../cases/controls';
import { useCaseChange, type CaseActionProps } from '../cases/useCaseChange';
import { listChecklists, screenCase } from './api';
import { Suggestion } from './Suggestion';
import { useBuiltInChecklistText, useIndicatorText } from './indicatorText';

const checklistKey = (checklist: IndicatorChecklistView) => `${checklist.code}@${checklist.version}`;

/**
 * Screening the person against an indicator checklist: each item answered present, absent or unknown (unknown never
 * counts as present). The result is a suggestion for the practitioner, shown as such.
 */
export function ScreeningForm({ caseView, onChanged, onStale }: Omit<CaseActionProps, 'organisations'>) {
  const { t } = useTranslation();
  const indicatorText = useIndicatorText();
  const builtInText = useBuiltInChecklistText();
  const [checklists] = useResource(listChecklists, 'checklists');
  const [chosen, setChosen] = useState('');
  const [answers, setAnswers] = useState<Record<string, IndicatorAnswer>>({});
  const [notes, setNotes] = useState('');
  const [assessment, setAssessment] = useState<ScreeningAssessment | null>(null);
  const form = useForm({
    checklistCode: { id: 'screening-checklist', label: t('screening.checklist') },
    notes: { id: 'screening-notes', label: t('screening.notes') },
  });
  const change = useCaseChange(form, onStale);

  if (checklists.status === 'loading') return <Loading />;
  if (checklists.status === 'failed') return <ErrorAlert error={checklists.error} />;
  const list = checklists.data;
  const selected = list.length === 1 ? list[0] : list.find((checklist) => checklistKey(checklist) === chosen);
  const document = selected?.document;
  // Child-specific items apply only to a person recorded as a child.
  const items = document ? document.items.filter((item) => !item.childOnly || caseView.person?.isChild === true) : [];

  function choose(key: string) {
    setChosen(key);
    setAnswers({});
    setAssessment(null);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!selected) {
      form.fail([{ field: 'checklistCode', problem: 'is required' }]);
      return;
    }
    const submission: ScreeningSubmission = {
      checklistCode: selected.code,
      checklistVersion: selected.version,
      answers: Object.fromEntries(items.map((item) => [item.code, answers[item.code] ?? 'unknown'])),
      ...(notes.trim() ? { notes: notes.trim() } : {}),
    };
    setAssessment(null);
    let result: ScreeningAssessment | null = null;
    const saved = await change(async (post) => {
      result = await screenCase(post, caseView.id, submission);
    });
    if (saved && result !== null) {
      setAssessment(result);
      onChanged();
    }
  }

  return (
    <>
      <p className="hint">{t('screening.intro')}</p>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        {list.length === 1 && selected ? (
          <p>
            {t('screening.checklist')}: <strong>{indicatorText(selected.code, 'title', selected.document.title)}</strong> ({t('screening.version', { version: selected.version })})
          </p>
        ) : (
          <SelectField id="screening-checklist" label={t('screening.checklist')} value={chosen} onValueChange={choose} error={form.errorFor('checklistCode')}>
            <option value="">{t('screening.chooseChecklist')}</option>
            {list.map((checklist) => (
              <option key={checklistKey(checklist)} value={checklistKey(checklist)}>
                {indicatorText(checklist.code, 'title', checklist.document.title)} ({t('screening.version', { version: checklist.version })})
              </option>
            ))}
          </SelectField>
        )}
        {document ? (
          <>
            <p className="hint">{builtInText(document, 'source') ?? document.source}</p>
            {document.note ? <p>{builtInText(document, 'note') ?? indicatorText(document.code, 'note', document.note)}</p> : null}
            {document.categories.map((category) => {
              const inCategory = items.filter((item) => item.category === category.code);
              if (inCategory.length === 0) return null;
              return (
                <fieldset key={category.code} className="indicator-category">
                  <legend>{indicatorText(document.code, `categories.${category.code}`, category.label)}</legend>
                  {inCategory.map((item) => (
                    <RadioGroup
                      key={item.code}
                      id={`screening-${item.code}`}
                      legend={indicatorText(document.code, `items.${item.code}.label`, item.label)}
                      hint={[item.description ? indicatorText(document.code, `items.${item.code}.description`, item.description) : undefined, t('screening.strength', { strength: t(`indicatorStrengths.${item.strength}`) })].filter(Boolean).join(' ')}
                      options={indicatorAnswers.map((value) => ({ value, label: t(`indicatorAnswers.${value}`) }))}
                      value={answers[item.code] ?? 'unknown'}
                      onChange={(value) => setAnswers((current) => ({ ...current, [item.code]: value }))}
                      inline
                    />
                  ))}
                </fieldset>
              );
            })}
            <TextAreaField id="screening-notes" label={t('screening.notes')} hint={t('screening.notesHint')} optional value={notes} onValueChange={setNotes} error={form.errorFor('notes')} />
            <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
              {t('screening.submit')}
            </button>
          </>
        ) : null}
      </form>
      <StatusMessage>{assessment !== null ? t('screening.recorded', { suggestion: t(`screeningSuggestions.${assessment.suggestion}`) }) : undefined}</StatusMessage>
      {assessment !== null ? <Suggestion assessment={assessment} /> : null}
    </>
  );
}
