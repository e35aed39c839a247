/**
 * Options of a comparison run, validated once where they enter (the CLI's
 * flags and the library call both end here), with their defaults.
 */
import { SpikelabError } from '../core/errors.ts';
import { integer, oneOf, parse, seed, z } from '../core/schema.ts';
import { DEFAULT_MAX_RATE_HZ, DEFAULT_PERCENTILE } from './convert.ts';
import type { RateSettings } from './rate-presets.ts';
import { READOUTS } from './readout.ts';
import { BACKENDS } from './simulate.ts';
import { ENCODINGS } from './spiking-classifier.ts';

/** Neuromorphic platforms (the spiking network) and conventional devices (the rate network). */
export const SPIKING_PLATFORMS = ['truenorth', 'spinnaker', 'spinnaker2', 'loihi'] as const;
export const RATE_PLATFORMS = ['cpu', 'accelerator'] as const;
export const PLATFORM_NAMES = [...SPIKING_PLATFORMS, ...RATE_PLATFORMS] as const;
export const DEFAULT_PLATFORMS = ['truenorth', 'spinnaker', 'loihi', 'cpu', 'accelerator'];
export const DEFAULT_TIMESTEPS = 100;

const percentile = z
  .number({ error: () => 'a number in (0, 100]' })
  .gt(0, { error: () => 'a number in (0, 100]' })
  .max(100, { error: () => 'a number in (0, 100]' });

export const compareOptionsSchema = z
  .object({
    timesteps: integer(1, 1_000_000).default(DEFAULT_TIMESTEPS),
    encoding: oneOf(ENCODINGS).default('current'),
    percentile: percentile.default(DEFAULT_PERCENTILE),
    platforms: z
      .array(oneOf(PLATFORM_NAMES))
      .min(1, { error: () => 'at least one platform' })
      .readonly()
      .default(DEFAULT_PLATFORMS as (typeof PLATFORM_NAMES)[number][]),
    seed: seed().default(0),
    readout: oneOf(READOUTS).default('count'),
    /** poisson: rate of an input at its normalisation scale; at most one spike per 1 ms tick. */
    maxRateHz: z
      .number({ error: () => 'a rate in (0, 1000] Hz' })
      .gt(0, { error: () => 'a rate in (0, 1000] Hz' })
      .max(1000, { error: () => 'a rate in (0, 1000] Hz' })
      .default(DEFAULT_MAX_RATE_HZ),
    /** ttfs: first spikes within this many ticks (default timesteps / 5). */
    windowTicks: integer(1, 1_000_000).optional(),
    /** Simulate only the first n test samples (default: all). */
    samples: integer(1).optional(),
    backend: oneOf(BACKENDS).default('auto'),
    /** Keep the converted network and the first test samples' inputs in the report (report-network.ts). */
    includeNetwork: z.boolean({ error: () => 'true or false' }).default(false),
    /** Overrides of the data set's default network and training settings. */
    training: z
      .custom<Partial<RateSettings>>((v) => typeof v === 'object' && v !== null)
      .optional(),
  })
  .strict();

export type CompareOptions = z.input<typeof compareOptionsSchema>;
export type ResolvedCompareOptions = z.output<typeof compareOptionsSchema>;

export function resolveCompareOptions(input: CompareOptions = {}): ResolvedCompareOptions {
  const o = parse(compareOptionsSchema, input, 'compare');
  if (o.windowTicks !== undefined && o.windowTicks > o.timesteps) {
    throw new SpikelabError(
      'INVALID_ARGUMENT',
      `compare.windowTicks: got ${o.windowTicks}; allowed: at most timesteps (${o.timesteps})`,
    );
  }
  return o;
}
