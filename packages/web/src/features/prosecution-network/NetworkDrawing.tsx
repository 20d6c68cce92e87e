import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperationNetwork } from '@palermo/contracts';
import type { NetworkLabels } from './labels';

/**
 * The network drawn by cytoscape, the application's one graph-drawing library (decision 0016), imported only when
 * this drawing is shown, so that no other page carries it. The ranked table beside it says everything the drawing
 * shows; the drawing is an image for sighted readers (role img with a summary) and adds nothing a table reader lacks.
 * Node size follows betweenness: the critical nodes stand out.
 */
export function NetworkDrawing({ network, labels }: { network: OperationNetwork; labels: NetworkLabels }) {
  const { t, i18n } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let destroyed = false;
    let destroy = () => {};
    const maxBetweenness = Math.max(1, ...network.nodes.map((n) => n.betweenness));
    void import('cytoscape')
      .then(({ default: cytoscape }) => {
        if (destroyed || !container.current) return;
        const graph = cytoscape({
          container: container.current,
          elements: [
            ...network.nodes.map((node) => ({
              data: { id: node.key, label: labels.name(node), size: 24 + Math.round((36 * node.betweenness) / maxBetweenness), kind: node.kind },
            })),
            ...network.links.flatMap((link) => (link.source && link.target ? [{ data: { id: link.id, source: link.source, target: link.target, label: labels.link(link.kind) } }] : [])),
          ],
          style: [
            { selector: 'node', style: { label: 'data(label)', width: 'data(size)', height: 'data(size)', 'background-color': '#1d4f91', 'font-size': 12, 'text-valign': 'bottom', 'text-margin-y': 4 } },
            { selector: 'node[kind != "suspect"]', style: { shape: 'round-rectangle', 'background-color': '#6b7280' } },
            { selector: 'edge', style: { width: 2, 'line-color': '#9ca3af', 'curve-style': 'bezier', label: 'data(label)', 'font-size': 10, 'text-rotation': 'autorotate', color: '#374151' } },
          ],
          layout: { name: 'cose', animate: false, randomize: false },
          userZoomingEnabled: true,
          boxSelectionEnabled: false,
        });
        destroy = () => graph.destroy();
      })
      .catch(() => setFailed(true));
    return () => {
      destroyed = true;
      destroy();
    };
  }, [network, labels, i18n.language]);

  if (failed) return <p>{t('prosecutionNetwork.drawingFailed')}</p>;
  return (
    <div
      ref={container}
      className="network-drawing"
      role="img"
      aria-label={t('prosecutionNetwork.drawingSummary', { nodes: network.nodes.length, links: network.links.length })}
      style={{ height: '420px', border: '1px solid #d1d5db', direction: 'ltr' }}
      data-testid="network-drawing"
    />
  );
}
