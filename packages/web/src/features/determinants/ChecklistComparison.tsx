import { useTranslation } from 'react-i18next';
import type { AssessmentComparison } from '@palermo/contracts';
import { useChecklistLabels, useDeterminantLabels } from './labels';

/** The checklist in two assessments: per recommendation scored in either, its score in each and whether it changed. */
export function ChecklistComparison({ comparison }: { comparison: AssessmentComparison }) {
  const { t } = useTranslation();
  const labels = useDeterminantLabels();
  const checklist = useChecklistLabels();
  const rows = comparison.checklist;
  const score = (code: string | null) => (code ? checklist.score(code) : t('determinants.checklist.unscored'));
  const changed = rows.filter((r) => r.changed).length;
  return (
    <section aria-labelledby="checklist-compare-title">
      <h2 id="checklist-compare-title">{t('determinants.checklist.compareTitle')}</h2>
      {rows.length === 0 ? (
        <p>{t('determinants.checklist.noneScored')}</p>
      ) : (
        <>
          <p data-testid="checklist-changed">{changed > 0 ? t('determinants.checklist.changedCount', { count: changed }) : t('determinants.checklist.noneChanged')}</p>
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="checklist-compare-caption">
            <table>
              <caption id="checklist-compare-caption">{t('determinants.checklist.compareCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('determinants.checklist.item')}</th>
                  <th scope="col" className="heading-wraps">
                    <bdi>{comparison.earlier.title}</bdi> ({labels.period(comparison.earlier.periodFrom, comparison.earlier.periodTo)})
                  </th>
                  <th scope="col" className="heading-wraps">
                    <bdi>{comparison.later.title}</bdi> ({labels.period(comparison.later.periodFrom, comparison.later.periodTo)})
                  </th>
                  <th scope="col">{t('determinants.changed')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.item} className={r.changed ? 'changed' : undefined}>
                    <th scope="row">{checklist.item(r.item)}</th>
                    <td>{score(r.earlier)}</td>
                    <td>{score(r.later)}</td>
                    <td>{r.changed ? <strong>{t('determinants.checklist.changedYes')}</strong> : t('determinants.changedNo')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
