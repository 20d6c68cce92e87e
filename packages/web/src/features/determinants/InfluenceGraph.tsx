import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { StylesheetJson } from 'cytoscape';
import type { AssessmentEntryView } from '@palermo/contracts';
import { GraphDrawing } from '../../components/GraphDrawing';
import type { DeterminantLabels } from './labels';

const style: StylesheetJson = [
  { selector: 'node', style: { label: 'data(label)', width: 30, height: 30, 'background-color': '#9ca3af', 'font-size': 12, 'text-valign': 'bottom', 'text-margin-y': 4, 'text-wrap': 'wrap', 'text-max-width': '140px' } },
  { selector: 'node[direction = "positive"]', style: { 'background-color': '#15803d' } },
  { selector: 'node[direction = "negative"]', style: { 'background-color': '#b91c1c', shape: 'diamond' } },
  { selector: 'node[direction = "neutral"]', style: { 'background-color': '#6b7280', shape: 'round-rectangle' } },
  { selector: 'edge', style: { width: 2, 'line-color': '#6b7280', 'target-arrow-color': '#6b7280', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier' } },
];

/**
 * Which determinants influence which, drawn with the shared graph drawing (cytoscape, loaded only here and on the
 * network page): a node per determinant recorded or influenced, coloured and shaped by its direction, an arrow per
 * influence. The entries' table lists the same influences in words.
 */
export function InfluenceGraph({ entries, labels }: { entries: readonly AssessmentEntryView[]; labels: DeterminantLabels }) {
  const { t, i18n } = useTranslation();
  const elements = useMemo(() => {
    const direction = new Map(entries.map((e) => [e.determinant, e.direction] as const));
    const codes = new Set(entries.flatMap((e) => [e.determinant, ...e.influences]));
    return [
      ...[...codes].map((code) => ({ data: { id: code, label: labels.determinant(code), direction: direction.get(code as AssessmentEntryView['determinant']) ?? 'none' } })),
      ...entries.flatMap((e) => e.influences.map((target) => ({ data: { id: `${e.determinant}->${target}`, source: e.determinant, target } }))),
    ];
  }, [entries, i18n.language]); // the labels follow the reader's language (labels is a new object each render)
  const links = entries.reduce((n, e) => n + e.influences.length, 0);
  if (links === 0) return null;
  const nodes = new Set(entries.flatMap((e) => (e.influences.length > 0 ? [e.determinant, ...e.influences] : []))).size;
  return <GraphDrawing elements={elements} style={style} testId="influence-graph" summary={t('determinants.graphSummary', { nodes, links })} failedText={t('determinants.graphFailed')} />;
}
