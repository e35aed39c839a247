/**
 * Options of a comparison run, defined once: validated where they enter
 * (the library call, the CLI's flags and the page's form all end here),
 * with their defaults, bounds and help text. The CLI builds its flags from
 * these schemas (cli/schema-flags.ts) and the page reads its form's limits
 * and defaults from them (schema-fields.ts), so the three cannot drift.
 */
import { SpikelabError } from '../core/errors.ts';
import { integer, oneOf, parse, seed, z } from '../core/schema.ts';
import { DEFAULT_MAX_RATE_HZ, DEFAULT_PERCENTILE } from './convert/convert.ts';
import { ENCODINGS } from './convert/spiking-classifier.ts';
import type { RateSettings } from './rate-presets.ts';
import { READOUTS } from './run/readout.ts';
import { BACKENDS } from './run/simulate.ts';

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
    timesteps: integer(1, 1_000_000)
      .default(DEFAULT_TIMESTEPS)
      .meta({ flag: '--timesteps <T>', description: 'ticks (1 ms) each test sample is simulated' }),
    encoding: oneOf(ENCODINGS).default('current').meta({
      flag: '--encoding <name>',
      description: 'input coding: constant current, Poisson rate or time to first spike',
    }),
    percentile: percentile.default(DEFAULT_PERCENTILE).meta({
      flag: '--percentile <p>',
      description:
        'percentile of positive activations that becomes one spike per tick (100: the maximum)',
    }),
    platforms: z
      .array(oneOf(PLATFORM_NAMES))
      .min(1, { error: () => 'at least one platform' })
      .readonly()
      .default(DEFAULT_PLATFORMS as (typeof PLATFORM_NAMES)[number][])
      .meta({ flag: '--platforms <list>', description: 'comma-separated platforms to price' }),
    seed: seed().default(0).meta({
      flag: '--seed <n>',
      description: 'seed of the split, the weights, the shuffling and the Poisson input',
    }),
    readout: oneOf(READOUTS).default('count').meta({
      flag: '--readout <name>',
      description: 'class readout: most spikes, or highest membrane potential',
    }),
    /** poisson: rate of an input at its normalisation scale; at most one spike per 1 ms tick. */
    maxRateHz: z
      .number({ error: () => 'a rate in (0, 1000] Hz' })
      .gt(0, { error: () => 'a rate in (0, 1000] Hz' })
      .max(1000, { error: () => 'a rate in (0, 1000] Hz' })
      .default(DEFAULT_MAX_RATE_HZ)
      .meta({
        flag: '--max-rate <Hz>',
        description: 'poisson: rate of an input at its normalisation scale',
      }),
    /** ttfs: first spikes within this many ticks (default timesteps / 5). */
    windowTicks: integer(1, 1_000_000).optional().meta({
      flag: '--window <ticks>',
      description: 'ttfs: first spikes fall within this many ticks',
      defaultDescription: 'timesteps / 5',
    }),
    /** Simulate only the first n test samples (default: all). */
    samples: integer(1).optional().meta({
      flag: '--samples <n>',
      description: 'simulate only the first n test samples',
      defaultDescription: 'all',
    }),
    backend: oneOf(BACKENDS).default('auto').meta({
      flag: '--backend <name>',
      description:
        'spiking kernels: auto (WebAssembly SIMD weight rows for fully connected layers), or the engine’s wasm or js backend (same spikes)',
    }),
    /** Keep the converted network and the first test samples' inputs in the report (report/network.ts). */
    includeNetwork: z.boolean({ error: () => 'true or false' }).default(false),
    /** Overrides of the data set's default network and training settings. */
    training: z
      .custom<Partial<RateSettings>>((v) => typeof v === 'object' && v !== null)
      .optional(),
  })
  .strict();

/** The training overrides the CLI and the page offer (the library takes any of RateSettings). */
export const trainingFlagsSchema = z.object({
  epochs: integer(1, 100_000).optional().meta({
    flag: '--epochs <n>',
    description: 'training epochs',
    defaultDescription: 'per dataset, as spikelab train',
  }),
  hidden: z.array(integer(1)).optional().meta({
    flag: '--hidden <sizes>',
    description: 'hidden layer sizes, comma-separated',
    defaultDescription: 'per dataset, as spikelab train',
  }),
});

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

/** Most seeds one `--seeds` run takes (each is a whole comparison). */
export const MAX_SEEDS = 100;

const SEEDS_ALLOWED = `a count n in [1, ${MAX_SEEDS}] (seeds 0 … n − 1) or a comma-separated list of up to ${MAX_SEEDS} distinct seeds ≥ 0, e.g. 5 or 0,1,2,3,4`;

/**
 * `--seeds`: a count (`5`: seeds 0 … 4) or a list (`0,1,2`). A list always
 * has a comma; one particular seed is `--seed`.
 */
export function parseSeeds(raw: string, where = '--seeds'): number[] {
  const text = raw.trim();
  const bad = () =>
    new SpikelabError(
      'INVALID_ARGUMENT',
      `${where}: got ${JSON.stringify(raw)}; allowed: ${SEEDS_ALLOWED}`,
    );
  if (!/^\d+(\s*,\s*\d+)*$/.test(text) && !/^\d+\s*,?$/.test(text)) throw bad();
  if (!text.includes(',')) {
    const n = Number(text);
    if (!Number.isSafeInteger(n) || n < 1 || n > MAX_SEEDS) throw bad();
    return Array.from({ length: n }, (_, i) => i);
  }
  const seeds = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  if (
    seeds.length === 0 ||
    seeds.length > MAX_SEEDS ||
    seeds.some((s) => !Number.isSafeInteger(s)) ||
    new Set(seeds).size !== seeds.length
  )
    throw bad();
  return seeds;
}
