/**
 * The comparison repeated over seeds: each seed its own split, weights,
 * training and Poisson input, its own whole report; then every figure as
 * mean ± sd over them (report/seeds.ts).
 */
import { SpikelabError } from '../core/errors.ts';
import type { Dataset } from '../data/dataset.ts';
import { type CompareCallbacks, type CompareContext, type CompareRun, compare } from './compare.ts';
import { type CompareOptions, MAX_SEEDS } from './compare-options.ts';
import { type SeedsReport, summariseSeeds } from './report/seeds.ts';

export interface SeedsCallbacks extends CompareCallbacks {
  /** Before each seed's run: its seed, its place (from 1) and how many there are. */
  onSeed?: (seed: number, index: number, total: number) => void;
}

/**
 * Runs `compare` once per seed on `load(seed)` (a data set's split depends
 * on the seed) and summarises the runs.
 */
export function compareSeeds(
  load: (seed: number) => Dataset,
  seeds: readonly number[],
  options: Omit<CompareOptions, 'seed'> = {},
  cb: SeedsCallbacks = {},
  context: Omit<CompareContext, 'train'> = {},
): { summary: SeedsReport; runs: CompareRun[] } {
  const ok =
    seeds.length >= 1 &&
    seeds.length <= MAX_SEEDS &&
    seeds.every((s) => Number.isSafeInteger(s) && s >= 0) &&
    new Set(seeds).size === seeds.length;
  if (!ok) {
    throw new SpikelabError(
      'INVALID_ARGUMENT',
      `seeds: got [${seeds.join(', ')}]; allowed: 1 to ${MAX_SEEDS} distinct integers ≥ 0`,
    );
  }
  if ('seed' in options) {
    throw new SpikelabError(
      'INVALID_ARGUMENT',
      'seed: given with seeds; allowed: one or the other (the seeds set each run’s seed)',
    );
  }
  const runs = seeds.map((seed, i) => {
    cb.onSeed?.(seed, i + 1, seeds.length);
    return compare(() => load(seed), { ...options, seed }, cb, context);
  });
  return { summary: summariseSeeds(runs.map((r) => r.report)), runs };
}
