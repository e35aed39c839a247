/**
 * The pieces every version of the comparison report shares: number
 * constraints whose messages say what a field allows, NeuroBench's metric
 * blocks (Yik et al. 2025, Nat. Commun. 16:1545; values per sample), the
 * per-layer diagnostics, the platforms' hardware entries and the embedded
 * spiking network. Browser-safe.
 */
import { z } from '../../core/schema.ts';

/** zod params whose message is what the field allows (parse() prints it after "allowed:"). */
export const allows = (text: string) => ({ error: () => text });
export const num = z.number(allows('a number'));
export const count = z.number(allows('a number ≥ 0')).nonnegative(allows('a number ≥ 0'));
export const fraction = z
  .number(allows('a number in [0, 1]'))
  .min(0, allows('a number in [0, 1]'))
  .max(1, allows('a number in [0, 1]'));
export const int = z
  .number(allows('an integer ≥ 0'))
  .int(allows('an integer ≥ 0'))
  .nonnegative(allows('an integer ≥ 0'));

export const synapticOperations = z.object({
  /** Non-binary inputs × non-zero weights (biases not counted, as in NeuroBench). */
  Effective_MACs: count,
  /** Binary (spike) inputs × non-zero weights. */
  Effective_ACs: count,
  /** Every connection, every time step. */
  Dense: count,
});

export const neurobenchAnn = z.object({
  /** Bytes of parameters (float32 weights and biases). */
  Footprint: int,
  /** Fraction of zero weights in the connection layers. */
  ConnectionSparsity: fraction,
  /** Fraction of zero outputs of the hidden (activation) layers over neurons and samples. */
  ActivationSparsity: fraction,
  SynapticOperations: synapticOperations,
  /** Null for a regression task. */
  ClassificationAccuracy: fraction.nullable(),
});

export const neurobenchSnn = neurobenchAnn.extend({
  /** Membrane updates per sample of the network's neuron layers (neurons × time steps; the input encoder excluded). */
  MembraneUpdates: count,
});

export const layerDiagnostics = z.object({
  layer: z.string(),
  neurons: int,
  /** Normalisation scale: an activation of λ is one spike per tick. */
  lambda: num,
  /** Mean rate-network activation (the output layer's logits clipped at 0: a rate cannot be negative). */
  annMean: num,
  /** Mean spiking rate × λ over the run: the activation the spiking layer represents. */
  snnMean: num,
  /** Pearson correlation over (sample, neuron) pairs; null when either side is constant. */
  correlation: num.nullable(),
  /** Mean |annActivation − rate × λ| over (sample, neuron) pairs. */
  meanAbsError: num,
  /** Share of (sample, neuron) pairs whose activation exceeds λ: clipped at one spike per tick. */
  clipped: fraction,
});

/** One layer of a TrueNorth deployment (sim/hardware/truenorth/deploy/report.ts). */
export const deployedLayer = z.object({
  layer: z.string(),
  fanIn: int,
  neurons: int,
  /** Bits per synaptic weight = axon copies of each input. */
  weightBits: int,
  /** Input groups; split when > 1 (partial-sum pairs and a merge neuron per neuron). */
  groups: int,
  split: z.boolean(),
  partialNeurons: int,
  cores: int,
  /** Ticks by which the layer's spikes follow the float network's. */
  latencyTicks: int,
  synapses: int,
  /** Weight quantisation error (the weights' unit, mV). */
  rmsError: count,
  relativeRmsError: count,
  maxAbsError: count,
  clipped: int,
  crossbarBits: int,
  thresholdRelativeError: count,
  /** mV per tick. */
  biasError: count,
  mergeRatioError: count,
  /** Split layers: a partial neuron's spike in thresholds of the merge neuron. */
  partialQuantum: z.object({ mean: count, max: count }),
  startsHeld: int,
});

/** TrueNorth: the deployed network the chip runs, whose counts the platform entry reports. */
export const deploymentEntry = z.object({
  neurons: z.object({
    original: int,
    deployed: int,
    splitters: int,
    partials: int,
    layers: int,
    inputs: int,
  }),
  cores: z.object({ total: int, inputs: int, splitters: int, partials: int, layers: int }),
  synapses: z.object({ original: int, crossbar: int }),
  latencyTicks: int,
  /** Input currents set as leaks for each sample (input cores reprogrammed between samples). */
  perSampleLeaks: z.boolean(),
  layers: z.array(deployedLayer),
  /** The deployed run's synaptic events: the engine's and the TrueNorth counter's. */
  synapticEvents: z.object({ engine: count, hardware: count, equal: z.boolean() }),
});

export const onChipEntry = z.object({
  accuracy: fraction.nullable(),
  note: z.string(),
  deployment: deploymentEntry.optional(),
});

export const hardwareEntry = z.discriminatedUnion('mappable', [
  z.object({
    mappable: z.literal(true),
    platformName: z.string(),
    cores: int,
    chips: int,
    synapticEventsPerInference: count,
    packetsPerInference: count,
    hopsPerInference: count,
    /** Every tick of the busiest core within its budget; null when the budget is unknown. */
    realTime: z.boolean().nullable(),
    overrun: num.nullable(),
    /** What the mapping changed to fit the platform (TrueNorth: quantised weights, relays). */
    changes: z.array(z.string()),
    /**
     * TrueNorth: accuracy of the network as the chip runs it (its deployment,
     * whose counts this entry reports), or null with the reason it was not
     * measured; null for platforms whose weight precision is not modelled.
     */
    onChip: onChipEntry.nullable(),
  }),
  z.object({ mappable: z.literal(false), reason: z.string() }),
]);

/** A Float32Array as base64 of its little-endian bytes (src/core/base64.ts), as model files store weights. */
export const packedFloat32 = z.strictObject({ float32: z.string() });

/**
 * The converted network and the input of the first test samples (optional;
 * written and read by report/network.ts).
 */
export const spikingNetworkSchema = z.object({
  /** Network JSON (sim/io, its own schemaVersion) with Float32Arrays packed; checked by that format's schema when unpacked. */
  network: z.record(z.string(), z.unknown()),
  /** The population a sample drives, and how: a constant current per neuron (nA) or a Poisson rate per source (Hz). */
  input: z.object({ population: z.string(), drive: z.enum(['iOffset', 'rate']) }),
  /** The population read out (one neuron per class). */
  output: z.string(),
  /** Class names, by index. */
  classes: z.array(z.string()),
  samples: z.array(
    z.object({
      /** Index in the test set. */
      test: int,
      label: int,
      /** The rate network's class and the spiking network's (after the last tick) in the comparison. */
      ann: int,
      snn: int,
      /** The engine's seed for this sample (its Poisson input). */
      seed: int,
      /** The input population's drive for this sample. */
      drive: packedFloat32,
    }),
  ),
});

/** The rate network as trained (both versions). */
export const rateNetwork = z.object({
  layers: z.array(int),
  activation: z.string(),
  dropout: num,
  parameters: int,
});

export const rateTraining = z.object({
  loss: z.string(),
  optimizer: z.string(),
  lr: num,
  epochs: int,
  batch: int,
  trainLoss: num,
  trainAccuracy: fraction.nullable(),
});

/** Per inference (one sample), as priced by the energy tables. */
export const rateOperations = z.object({
  macs: count,
  acs: count,
  weightReads: count,
  activationReads: count,
  activationWrites: count,
});

/** How a rate network was converted. */
export const conversionBlock = z.object({
  neuron: z.string(),
  reset: z.literal('subtraction'),
  threshold: num,
  percentile: num,
  /** One entry per layer, the input first: the scale λ and both statistics it was chosen from. */
  normalisation: z.array(z.object({ layer: z.string(), max: num, percentile: num, lambda: num })),
  /** Negative inputs split into a positive and a negative channel. */
  signedInput: z.boolean(),
  /** ttfs: charge factor of each input's single spike; 1 otherwise. */
  inputSpikeGain: num,
});

export const encodingBlock = z.object({
  kind: z.enum(['current', 'poisson', 'ttfs']),
  maxRateHz: num.nullable(),
  windowTicks: int.nullable(),
});

export const readoutBlock = z.object({ kind: z.enum(['count', 'membrane']), ties: z.string() });

export const spikingNetworkShape = z.object({
  populations: z.array(z.object({ label: z.string(), neurons: int, model: z.string() })),
  synapses: int,
});

/** Latency read off the accuracy curve and the per-sample predictions. */
export const latencyTicks = z.object({
  /** Per sample, the first tick from which the prediction stays on its final class. */
  settle: z.object({ mean: num, median: num, p95: num, max: num }),
  /** First tick from which accuracy stays ≥ 99 % of its final value. */
  withinOnePercent: int,
});

export const spikingCounts = z.object({
  spikesPerInference: count,
  synapticEventsPerInference: count,
  /** The engine's neuron updates, the input encoder's IF neurons included. */
  neuronUpdatesPerInference: count,
  populations: z.array(
    z.object({ label: z.string(), neurons: int, spikesPerInference: count, ratePerTick: count }),
  ),
});

export const eventChecks = z.object({
  /**
   * Σ spikes × fan-out from the harness's own per-neuron counts, the engine's counter, and the
   * counter of each platform that counted this network (a TrueNorth deployment counts its own:
   * `hardware.truenorth.onChip.deployment.synapticEvents`).
   */
  synapticEvents: z.object({
    harness: count,
    engine: count,
    hardware: z.record(z.string(), count),
    equal: z.boolean(),
  }),
});

/** The settings every network of a comparison ran with. */
export const runSettings = z.object({
  timesteps: int,
  encoding: z.string(),
  percentile: num,
  readout: z.string(),
  platforms: z.array(z.string()),
  trainSamples: int,
  testSamples: int,
});

export type HardwareEntry = z.infer<typeof hardwareEntry>;
