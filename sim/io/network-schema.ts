/**
 * The zod schema of the network JSON format (NetworkSpec, schemaVersion 1).
 * Structure is checked here; parameter names and values of neuron models are
 * checked against each model's spec when the network is built, with the same
 * field paths (populations.0.params.tau_m).
 */
import {
  finite,
  inRange,
  integer,
  nonNegative,
  oneOf,
  positive,
  seed,
  z,
} from '../../src/core/schema.ts';
import { MAX_DT, MIN_DT, SCHEMA_VERSION } from '../network/spec.ts';

const numbers = z.array(finite());

const valueSpec = z.union(
  [
    finite(),
    numbers,
    z.strictObject({ distribution: z.literal('uniform'), low: finite(), high: finite() }),
    z.strictObject({
      distribution: z.literal('normal'),
      mean: finite(),
      sd: nonNegative(),
      low: finite().optional(),
      high: finite().optional(),
    }),
  ],
  {
    error: () =>
      'a number, an array of numbers, {"distribution": "uniform", "low", "high"} or {"distribution": "normal", "mean", "sd", "low"?, "high"?}',
  },
);

const receptor = oneOf(['excitatory', 'inhibitory']);
const label = z.string().min(1, { error: () => 'a non-empty label' });
const size = integer(1, 2 ** 31);

const neuronPopulation = z.strictObject({
  label,
  size,
  model: oneOf([
    'IF_curr_exp',
    'IF_curr_delta',
    'IF_cond_exp',
    'IF_nonleaky',
    'TrueNorth',
    'LIF',
    'CubaLIF',
    'LI',
    'CubaLI',
  ]),
  params: z.record(z.string(), valueSpec).optional(),
  initial: z.record(z.string(), valueSpec).optional(),
  iOffset: valueSpec.optional(),
  poissonInput: z
    .array(z.strictObject({ rateHz: nonNegative('Hz'), weight: finite(), receptor }))
    .optional(),
  stepCurrents: z
    .array(
      z.strictObject({
        times: z.array(nonNegative('ms')),
        amplitudes: numbers,
        neurons: z.array(integer(0)).optional(),
      }),
    )
    .optional(),
});

const poissonSource = z.strictObject({
  label,
  size,
  model: z.literal('SpikeSourcePoisson'),
  params: z.strictObject({
    rate: valueSpec,
    start: nonNegative('ms').optional(),
    duration: nonNegative('ms').optional(),
  }),
});

const arraySource = z.strictObject({
  label,
  size,
  model: z.literal('SpikeSourceArray'),
  params: z.strictObject({ spikeTimes: z.array(z.array(nonNegative('ms'))) }),
});

const population = z.union([neuronPopulation, poissonSource, arraySource], {
  error: () =>
    'a population: {label, size, model} with a neuron model or SpikeSourcePoisson / SpikeSourceArray',
});

const indices = z.array(integer(0));

const connector = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('allToAll'), allowSelf: z.boolean().optional() }),
    z.strictObject({ type: z.literal('oneToOne') }),
    z.strictObject({
      type: z.literal('fixedProbability'),
      p: inRange(0, 1),
      allowSelf: z.boolean().optional(),
    }),
    z.strictObject({
      type: z.literal('fixedNumberPre'),
      n: integer(0),
      allowSelf: z.boolean().optional(),
      withReplacement: z.boolean().optional(),
    }),
    z.strictObject({
      type: z.literal('fixedTotalNumber'),
      n: integer(0),
      allowSelf: z.boolean().optional(),
    }),
    z.strictObject({
      type: z.literal('fromList'),
      pre: indices,
      post: indices,
      weights: numbers.optional(),
      delays: z.array(positive('ms')).optional(),
    }),
    z.strictObject({
      type: z.literal('fromMatrix'),
      weights: numbers,
      keepZeros: z.boolean().optional(),
    }),
    z.strictObject({
      type: z.literal('csr'),
      rowStart: indices,
      targets: indices,
      weights: numbers.optional(),
      delays: z.array(positive('ms')).optional(),
    }),
  ],
  {
    error: () =>
      'a connector type: allToAll, oneToOne, fixedProbability, fixedNumberPre, fixedTotalNumber, fromList, fromMatrix, csr',
  },
);

const projection = z.strictObject({
  label: z.string().optional(),
  pre: z.union([label, integer(0)], { error: () => 'a population label or index' }),
  post: z.union([label, integer(0)], { error: () => 'a population label or index' }),
  connector,
  weight: valueSpec.optional(),
  delay: valueSpec.optional(),
  receptor,
  channel: valueSpec.optional(),
  seed: seed().optional(),
});

export const networkSchema = z.strictObject({
  schemaVersion: z.literal(SCHEMA_VERSION, { error: () => `${SCHEMA_VERSION}` }),
  dt: inRange(MIN_DT, MAX_DT, 'ms'),
  seed: seed(),
  populations: z.array(population).min(1, { error: () => 'at least one population' }),
  projections: z.array(projection),
  meta: z.record(z.string(), z.unknown()).optional(),
});
