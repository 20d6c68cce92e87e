import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checklistItems, checklistScores, checklistScoresRequest, checklistSummary, type ChecklistAudience, type ChecklistAudienceSummary, type ChecklistScoreView } from '@palermo/contracts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/fields';
import { useContractForm } from '../../components/useForm';
import { recordChecklist } from './api';
import { localiseDeterminantIssues, useChecklistLabels } from './labels';

/** An audience's summary in a sentence: how many items met, partly met, not met, not applicable, not scored. */
export function useChecklistSummaryText() {
  const { t } = useTranslation();
  return (s: ChecklistAudienceSummary) =>
    t('determinants.checklist.summary', { met: s.met, partly: s.partly_met, notMet: s.not_met, notApplicable: s.not_applicable, unscored: s.unscored, items: s.items });
}

type Draft = Record<string, { score: string; note: string }>;

function AudienceForm({ assessmentId, audience, scores, onSaved }: { assessmentId: string; audience: ChecklistAudience; scores: ReadonlyMap<string, ChecklistScoreView>; onSaved: () => void }) {
  const { t } = useTranslation();
  const labels = useChecklistLabels();
  const items = checklistItems.filter((i) => i.audience === audience && (i.withdrawnIn === undefined || scores.has(i.code)));
  const initial = (): Draft => Object.fromEntries(items.map((i) => [i.code, { score: scores.get(i.code)?.score ?? '', note: scores.get(i.code)?.note ?? '' }]));
  const [saved, setSaved] = useState(false);
  const form = useContractForm(
    checklistScoresRequest,
    { scores: { id: `checklist-${audience}-save`, label: labels.audience(audience) } },
    { draft: initial() },
    {
      request: ({ draft }) => ({ scores: items.flatMap((i) => (draft[i.code]?.score ? [{ item: i.code, score: draft[i.code]?.score, note: draft[i.code]?.note ?? '' }] : [])) }),
      localise: (issues) => localiseDeterminantIssues(t, issues),
    },
  );
  const draft = form.value('draft');
  const set = (code: string, key: 'score' | 'note') => (value: string) => {
    setSaved(false);
    const old = form.values().draft;
    form.set('draft', { ...old, [code]: { score: old[code]?.score ?? '', note: old[code]?.note ?? '', [key]: value } });
  };
  const onSubmit = form.submit(async (request) => {
    await recordChecklist(assessmentId, request);
    setSaved(true);
    onSaved();
  });
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
      <ErrorSummary form={form} />
      {items.map((i) => (
        <fieldset key={i.code} className="field">
          <legend>{labels.item(i.code)}</legend>
          <SelectField id={`checklist-${i.code}-score`} label={t('determinants.checklist.score')} optional value={draft[i.code]?.score ?? ''} onValueChange={set(i.code, 'score')}>
            <option value="">{t('determinants.checklist.unscored')}</option>
            {checklistScores.map((s) => (
              <option key={s} value={s}>
                {labels.score(s)}
              </option>
            ))}
          </SelectField>
          <TextField id={`checklist-${i.code}-note`} label={t('determinants.checklist.note')} optional value={draft[i.code]?.note ?? ''} onValueChange={set(i.code, 'note')} maxLength={2000} />
        </fieldset>
      ))}
      <button type="submit" id={`checklist-${audience}-save`} className="button-primary" aria-disabled={form.submitting || undefined}>
        {t('determinants.checklist.save')}
      </button>
      {saved ? <p role="status">{t('determinants.checklist.saved')}</p> : null}
    </form>
  );
}

function AudienceTable({ audience, scores }: { audience: ChecklistAudience; scores: ReadonlyMap<string, ChecklistScoreView> }) {
  const { t } = useTranslation();
  const labels = useChecklistLabels();
  const items = checklistItems.filter((i) => i.audience === audience && (i.withdrawnIn === undefined || scores.has(i.code)));
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={labels.audience(audience)}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('determinants.checklist.item')}</th>
            <th scope="col">{t('determinants.checklist.score')}</th>
            <th scope="col">{t('determinants.checklist.note')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => {
            const s = scores.get(i.code);
            return (
              <tr key={i.code}>
                <th scope="row">{labels.item(i.code)}</th>
                <td>{s ? labels.score(s.score) : t('determinants.checklist.unscored')}</td>
                <td>
                  <bdi>{s?.note ?? ''}</bdi>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The research's recommendations as a checklist of the assessment, audience by audience: each audience's summary
 * (met, partly met, not met, not applicable, not scored) opens onto its items; the rapporteur scores them there.
 */
export function ChecklistSection({ assessmentId, checklist, records, onSaved }: { assessmentId: string; checklist: readonly ChecklistScoreView[]; records: boolean; onSaved: () => void }) {
  const { t } = useTranslation();
  const labels = useChecklistLabels();
  const summaryText = useChecklistSummaryText();
  const scores = new Map(checklist.map((s) => [s.item, s] as const));
  return (
    <section aria-labelledby="checklist-title">
      <h2 id="checklist-title">{t('determinants.checklist.title')}</h2>
      <p>{t('determinants.checklist.intro')}</p>
      {checklistSummary(checklist).map((s) => (
        <details key={s.audience} className="checklist-audience">
          <summary>
            <strong>{labels.audience(s.audience)}</strong>: <span data-testid={`checklist-summary-${s.audience}`}>{summaryText(s)}</span>
          </summary>
          {records ? <AudienceForm assessmentId={assessmentId} audience={s.audience} scores={scores} onSaved={onSaved} /> : <AudienceTable audience={s.audience} scores={scores} />}
        </details>
      ))}
    </section>
  );
}
