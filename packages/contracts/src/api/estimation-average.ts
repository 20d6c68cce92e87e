import { z } from 'zod';
import { uuid } from './common.js';
import { estimateFromCasesRequest, estimateFromCsvRequest } from './estimation.js';

/**
 * The model average of the spread for more lists than a request computes at once (seven and eight): the same data as
 * the estimate, averaged in the background on the job engine; the page asks for the result until it is there.
 */
export const modelAverageRequest = z.discriminatedUnion('source', [
  estimateFromCasesRequest.omit({ model: true }).extend({ source: z.literal('cases') }),
  estimateFromCsvRequest.omit({ model: true }).extend({ source: z.literal('upload') }),
]);
export type ModelAverageRequest = z.input<typeof modelAverageRequest>;

export const modelAverageStarted = z.object({ jobId: uuid });
export type ModelAverageStarted = z.infer<typeof modelAverageStarted>;

export const modelAverageJobParams = z.object({ id: uuid });

/** The average's row of the spread once computed; the problem in words when it could not be. */
export const modelAverageJobView = z.object({
  status: z.enum(['running', 'done', 'failed']),
  row: z
    .object({
      total: z.number(),
      lower: z.number(),
      upper: z.number(),
      interval: z.literal('credible'),
      search: z.enum(['exhaustive', 'mcmc']),
      graphs: z.number().int(),
    })
    .nullable(),
  problem: z.string().nullable(),
});
export type ModelAverageJobView = z.infer<typeof modelAverageJobView>;
