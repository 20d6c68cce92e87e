import { useEffect, useRef, useState } from 'react';
import { modelAverageJobView, modelAverageStarted, type EstimationResultView } from '@palermo/contracts';
import { api } from '../../app/api';
import type { EstimateSource } from './api';

type Row = NonNullable<EstimationResultView['spread']>['rows'][number];

/** How often the page asks whether the background model average has finished. */
const POLL_MS = 2000;

export type BackgroundAverage = 'none' | 'running' | 'done' | 'failed';

/**
 * For seven and eight lists the server leaves the spread's model average out of the estimate and computes it in the
 * background: this starts that job from the same data, asks for it until it has finished and gives the rows with the
 * average filled in.
 */
export function useBackgroundAverage(rows: readonly Row[], source: EstimateSource): { rows: readonly Row[]; average: BackgroundAverage } {
  const wanted = rows.some((row) => row.model === 'bayesian-average' && row.problem === 'not-computed');
  const [average, setAverage] = useState<BackgroundAverage>(wanted ? 'running' : 'none');
  const [filled, setFilled] = useState<Row | null>(null);
  // One job per estimate: the effect follows the data, not the identity of the object that carries them.
  const data = JSON.stringify(source);
  const latest = useRef(source);
  latest.current = source;

  useEffect(() => {
    if (!wanted) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    async function run() {
      try {
        const { jobId } = await api.post('/api/estimation/model-average', latest.current, modelAverageStarted);
        const ask = async () => {
          if (stopped) return;
          const view = await api.get(`/api/estimation/model-average/${jobId}`, modelAverageJobView);
          if (stopped) return;
          if (view.status === 'running') {
            timer = setTimeout(() => void ask().catch(() => setAverage('failed')), POLL_MS);
            return;
          }
          if (view.row) {
            setFilled({ model: 'bayesian-average', terms: [], ...view.row, problem: null });
            setAverage('done');
          } else {
            setAverage('failed');
          }
        };
        await ask();
      } catch {
        if (!stopped) setAverage('failed');
      }
    }
    void run();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [wanted, data]);

  return { rows: filled ? rows.map((row) => (row.model === 'bayesian-average' ? filled : row)) : rows, average };
}
