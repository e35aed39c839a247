/**
 * What the Compare view asks the worker for: a small comparison on a data
 * set the page carries (XOR, iris, digits), validated once at the worker's
 * edge; and what comes back.
 */

import { integer, oneOf, parse, z } from '../../src/core/schema.ts';
import { fieldInfo } from '../../src/core/schema-fields.ts';
import type { StageName } from '../../src/harness/compare.ts';
import { compareOptionsSchema, trainingFlagsSchema } from '../../src/harness/compare-options.ts';
import type { CompareReport } from '../../src/harness/report/schema.ts';
import type { ErrorInfo } from './hardware-run.ts';

/** The data sets the page can load (vendored files or generated points). */
export const PAGE_DATASETS = ['xor', 'iris', 'digits'] as const;
export type PageDataset = (typeof PAGE_DATASETS)[number];

/** Most ticks per sample the page runs (digits: 360 samples × 2,000 ticks is about 15 s). */
export const MAX_PAGE_TIMESTEPS = 2000;

const options = compareOptionsSchema.shape;

/**
 * The comparison options' own fields (compare-options.ts), with the page's
 * tighter cap on ticks: every other bound and default is the library's.
 */
export const compareRequestSchema = z
  .object({
    dataset: oneOf(PAGE_DATASETS),
    timesteps: integer(fieldInfo(options.timesteps).min ?? 1, MAX_PAGE_TIMESTEPS).optional(),
    encoding: options.encoding.optional(),
    /** Simulate only the first n test samples (default: all). */
    samples: options.samples,
    /** Training epochs (default: the data set's, as `spikelab train`). */
    epochs: trainingFlagsSchema.shape.epochs,
    seed: options.seed.optional(),
    /** Keep the converted network in the report, for the Simulate view (default true in the page, unlike the library's false). */
    includeNetwork: z.boolean({ error: () => 'true or false' }).optional(),
  })
  .strict();

export type CompareRequest = z.infer<typeof compareRequestSchema>;

export function parseCompareRequest(input: unknown): CompareRequest {
  return parse(compareRequestSchema, input, 'request');
}

export interface CompareProgress {
  stage: 'loading' | StageName;
  /** Training: batches done of all epochs' batches; simulation: samples done; else 0 of 0. */
  done: number;
  total: number;
  /** Training: the loss of the last finished epoch. */
  loss?: number;
  /** simulate and deploy: the network whose samples these are. */
  network?: string;
}

export type CompareResponse = { ok: true; result: CompareReport } | { ok: false; error: ErrorInfo };
