import { useEffect, useRef, useState } from 'react';
import type { ElementDefinition, StylesheetJson } from 'cytoscape';

/**
 * A graph drawn by cytoscape, the application's one graph-drawing library (decision 0016), imported only when a
 * drawing is shown, so that no page but those drawing one carries it. The drawing is an image for sighted readers
 * (role img with a summary): each page using it lists what it shows in a table beside it.
 */
export function GraphDrawing({ elements, style, summary, failedText, testId, height = 420 }: { elements: ElementDefinition[]; style: StylesheetJson; summary: string; failedText: string; testId: string; height?: number }) {
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let destroyed = false;
    let destroy = () => {};
    void import('cytoscape')
      .then(({ default: cytoscape }) => {
        if (destroyed || !container.current) return;
        const graph = cytoscape({ container: container.current, elements, style, layout: { name: 'cose', animate: false, randomize: false }, userZoomingEnabled: true, boxSelectionEnabled: false });
        container.current.dataset.nodes = String(graph.nodes().length);
        container.current.dataset.edges = String(graph.edges().length);
        destroy = () => graph.destroy();
      })
      .catch(() => setFailed(true));
    return () => {
      destroyed = true;
      destroy();
    };
  }, [elements, style]);

  if (failed) return <p>{failedText}</p>;
  return <div ref={container} className="graph-drawing" role="img" aria-label={summary} style={{ height: `${height}px`, border: '1px solid #d1d5db', direction: 'ltr' }} data-testid={testId} />;
}
