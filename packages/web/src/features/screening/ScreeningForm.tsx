import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { indicatorAnswers, screeningSubmission, type IndicatorAnswer, type IndicatorChecklistView, type ScreeningAssessment } from '@palermo/contracts';
import { useResource } from '../../app/useResource';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField } from '../../components/fields';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Status';
import { useContractForm } from '../../components/useForm';
import { RadioGroup, TextAreaField } from '../cases/controls';
import { useCaseChange, type CaseActionProps } from '../cases/useCaseChange';
import { listChecklists, screenCase } from './api';
import { Suggestion } from './Suggestion';
import { useBuiltInChecklistText, useIndicatorText } from './indicatorText';

const checklistKey = (checklist: IndicatorChecklistView) => `${checklist.code}@${checklist.version}`;

/** The checklist chosen, or the only one. */
const selectedOf = (list: readonly IndicatorChecklistView[], chosen: string) =>
  list.length === 1 ? list[0] : list.find((checklist) => checklistKey(checklist) === chosen);

/** The items asked: child-specific items apply only to a person recorded as a child. */
const itemsOf = (checklist: IndicatorChecklistView | undefined, isChild: boolean) =>
  checklist ? checklist.document.items.filter((item) => !item.childOnly || isChild) : [];

/**
 * Screening the person against an indicator checklist: each item answered present, absent or unknown (unknown never
 * counts as present). The result is a suggestion for the practitioner, shown as such.
 */
export function ScreeningForm({ caseView, onChanged, onStale }: Omit<CaseActionProps, 'organisations'>) {
  const { t } = useTranslation();
  const indicatorText = useIndicatorText();
  const builtInText = useBuiltInChecklistText();
  const [checklists] = useResource(listChecklists, 'checklists');
  const [assessment, setAssessment] = useState<ScreeningAssessment | null>(null);
  const list = checklists.status === 'ready' ? checklists.data : [];
  const form = useContractForm(
    screeningSubmission,
    {
      checklistCode: { id: 'screening-checklist', label: t('screening.checklist') },
      notes: { id: 'screening-notes', label: t('screening.notes') },
    },
    { checklist: '', answers: {} as Record<string, IndicatorAnswer>, notes: '' },
    {
      // Every item of the checklist is sent, those left alone as unknown.
      request: ({ checklist, answers, notes }) => {
        const chosen = selectedOf(list, checklist);
        return {
          checklistCode: chosen?.code,
          checklistVersion: chosen?.version,
          answers: Object.fromEntries(itemsOf(chosen, caseView.person?.isChild === true).map((item) => [item.code, answers[item.code] ?? 'unknown'])),
          ...(notes.trim() ? { notes: notes.trim() } : {}),
        };
      },
      // Without a checklist, that is the one problem: its version and answers follow from it.
      localise: (issues) =>
        issues.some((issue) => issue.field === 'checklistCode') ? issues.filter((issue) => issue.field !== 'checklistVersion' && issue.field !== 'answers') : issues,
    },
  );
  const change = useCaseChange(form, onStale);
  const answers = form.value('answers');
  const selected = selectedOf(list, form.value('checklist'));
  const document = selected?.document;
  const items = itemsOf(selected, caseView.person?.isChild === true);

  function choose(key: string) {
    form.set('checklist', key);
    form.set('answers', {});
    setAssessment(null);
  }

  const onSubmit = form.check(async (submission) => {
    setAssessment(null);
    let result: ScreeningAssessment | null = null;
    const saved = await change(async (post) => {
      result = await screenCase(post, caseView.id, submission);
    });
    if (saved && result !== null) {
      setAssessment(result);
      onChanged();
    }
  });

  if (checklists.status === 'loading') return <Loading />;
  if (checklists.status === 'failed') return <ErrorAlert error={checklists.error} />;

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
          <SelectField id="screening-checklist" label={t('screening.checklist')} {...form.text('checklist')} onValueChange={choose} error={form.errorFor('checklistCode')}>
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
                      onChange={(value) => form.set('answers', { ...answers, [item.code]: value })}
                      inline
                    />
                  ))}
                </fieldset>
              );
            })}
            <TextAreaField id="screening-notes" label={t('screening.notes')} hint={t('screening.notesHint')} optional {...form.text('notes')} />
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
