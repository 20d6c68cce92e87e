import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { StylesheetJson } from 'cytoscape';
import type { OperationNetwork } from '@palermo/contracts';
import { GraphDrawing } from '../../components/GraphDrawing';
import type { NetworkLabels } from './labels';

const style: StylesheetJson = [
  { selector: 'node', style: { label: 'data(label)', width: 'data(size)', height: 'data(size)', 'background-color': '#1d4f91', 'font-size': 12, 'text-valign': 'bottom', 'text-margin-y': 4 } },
  { selector: 'node[kind != "suspect"]', style: { shape: 'round-rectangle', 'background-color': '#6b7280' } },
  { selector: 'edge', style: { width: 2, 'line-color': '#9ca3af', 'curve-style': 'bezier', label: 'data(label)', 'font-size': 10, 'text-rotation': 'autorotate', color: '#374151' } },
];

/**
 * The network drawn by the shared graph drawing (cytoscape, loaded only when shown). The ranked table beside it says
 * everything the drawing shows. Node size follows betweenness: the critical nodes stand out.
 */
export function NetworkDrawing({ network, labels }: { network: OperationNetwork; labels: NetworkLabels }) {
  const { t, i18n } = useTranslation();
  const elements = useMemo(() => {
    const maxBetweenness = Math.max(1, ...network.nodes.map((n) => n.betweenness));
    return [
      ...network.nodes.map((node) => ({ data: { id: node.key, label: labels.name(node), size: 24 + Math.round((36 * node.betweenness) / maxBetweenness), kind: node.kind } })),
      ...network.links.flatMap((link) => (link.source && link.target ? [{ data: { id: link.id, source: link.source, target: link.target, label: labels.link(link.kind) } }] : [])),
    ];
  }, [network, labels, i18n.language]); // the labels follow the reader's language
  return (
    <GraphDrawing
      elements={elements}
      style={style}
      testId="network-drawing"
      summary={t('prosecutionNetwork.drawingSummary', { nodes: network.nodes.length, links: network.links.length })}
      failedText={t('prosecutionNetwork.drawingFailed')}
    />
  );
}
