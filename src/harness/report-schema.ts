/**
 * The comparison report: one versioned JSON document per run, written by
 * `serializeReport` alone and read back with `parseReport` by the CLI, the
 * web UI and the tests. Browser-safe (no Node APIs).
 *
 * Layout: `ann` and `snn` side by side, each with `accuracy`, a `neurobench`
 * block under NeuroBench's own metric names (Yik et al. 2025, Nat. Commun.
 * 16:1545; values per sample) and `energy` keyed by platform; spikelab's own
 * counts (spikes, packets, hops, per-layer diagnostics) sit beside it, never
 * inside it. Everything that depends on the machine rather than on the
 * seed is in `wallClock`, so two runs with one seed agree on all else.
 */
import { SpikelabError } from '../core/errors.ts';
import { parse, z } from '../core/schema.ts';

/**
 * Version 2 added `snn.spikingNetwork` (optional), and TrueNorth's
 * `snn.hardware.truenorth.onChip.deployment` (optional). A version 1 report
 * is a version 2 report without them, so both are read; reports are written
 * as 2.
 */
export const COMPARE_REPORT_SCHEMA_VERSION = 2;
export const READABLE_REPORT_VERSIONS = [1, 2] as const;

/** zod params whose message is what the field allows (parse() prints it after "allowed:"). */
const allows = (text: string) => ({ error: () => text });
const num = z.number(allows('a number'));
const count = z.number(allows('a number ≥ 0')).nonnegative(allows('a number ≥ 0'));
const fraction = z
  .number(allows('a number in [0, 1]'))
  .min(0, allows('a number in [0, 1]'))
  .max(1, allows('a number in [0, 1]'));
const int = z
  .number(allows('an integer ≥ 0'))
  .int(allows('an integer ≥ 0'))
  .nonnegative(allows('an integer ≥ 0'));

/** Energy of one inference on one platform, or why the network does not run there. */
export const energyEntrySchema = z.discriminatedUnion('mappable', [
  z.object({
    mappable: z.literal(true),
    /** A lower bound when `complete` is false (some counted event has no published cost). */
    joulesPerInference: count,
    /** Joules per inference by kind of event (and `static`). */
    breakdown: z.record(z.string(), count),
    /** The cost table's papers. */
    source: z.string(),
    table: z.string(),
    complete: z.boolean(),
    unpriced: z.array(z.string()),
  }),
  z.object({ mappable: z.literal(false), reason: z.string() }),
]);

const synapticOperations = z.object({
  /** Non-binary inputs × non-zero weights (biases not counted, as in NeuroBench). */
  Effective_MACs: count,
  /** Binary (spike) inputs × non-zero weights. */
  Effective_ACs: count,
  /** Every connection, every time step. */
  Dense: count,
});

const neurobenchAnn = z.object({
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

const neurobenchSnn = neurobenchAnn.extend({
  /** Membrane updates per sample of the network's neuron layers (neurons × time steps; the input encoder excluded). */
  MembraneUpdates: count,
});

const annBlock = z.object({
  network: z.object({
    layers: z.array(int),
    activation: z.string(),
    dropout: num,
    parameters: int,
  }),
  training: z.object({
    loss: z.string(),
    optimizer: z.string(),
    lr: num,
    epochs: int,
    batch: int,
    trainLoss: num,
    trainAccuracy: fraction.nullable(),
  }),
  /** Test accuracy; null for regression. */
  accuracy: fraction.nullable(),
  /** Test loss (regression: in the target's units; an NLL in nats per sample). */
  loss: num,
  neurobench: neurobenchAnn,
  /** Per inference (one sample), as priced by the energy tables. */
  operations: z.object({
    macs: count,
    acs: count,
    weightReads: count,
    activationReads: count,
    activationWrites: count,
  }),
  energy: z.record(z.string(), energyEntrySchema),
});

const layerDiagnostics = z.object({
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

/** One layer of a TrueNorth deployment (sim/hardware/truenorth-deploy-report.ts). */
const deployedLayer = z.object({
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
const deploymentEntry = z.object({
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

const onChipEntry = z.object({
  accuracy: fraction.nullable(),
  note: z.string(),
  deployment: deploymentEntry.optional(),
});

const hardwareEntry = z.discriminatedUnion('mappable', [
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
const packedFloat32 = z.strictObject({ float32: z.string() });

/**
 * The converted network and the input of the first test samples (optional;
 * written and read by report-network.ts).
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

const snnApplicable = z.object({
  applicable: z.literal(true),
  origin: z.enum(['conversion', 'surrogate-gradient']),
  conversion: z.object({
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
  }),
  encoding: z.object({
    kind: z.enum(['current', 'poisson', 'ttfs']),
    maxRateHz: num.nullable(),
    windowTicks: int.nullable(),
  }),
  readout: z.object({ kind: z.enum(['count', 'membrane']), ties: z.string() }),
  network: z.object({
    populations: z.array(z.object({ label: z.string(), neurons: int, model: z.string() })),
    synapses: int,
  }),
  timesteps: int,
  /** Accuracy after the last tick. */
  accuracy: fraction,
  /** Accuracy after tick 1, 2, …, timesteps. */
  accuracyByTick: z.array(fraction),
  latencyTicks: z.object({
    /** Per sample, the first tick from which the prediction stays on its final class. */
    settle: z.object({ mean: num, median: num, p95: num, max: num }),
    /** First tick from which accuracy stays ≥ 99 % of its final value. */
    withinOnePercent: int,
  }),
  /** Share of samples whose final class equals the rate network's. */
  agreementWithAnn: fraction,
  neurobench: neurobenchSnn,
  counts: z.object({
    spikesPerInference: count,
    synapticEventsPerInference: count,
    /** The engine's neuron updates, the input encoder's IF neurons included. */
    neuronUpdatesPerInference: count,
    populations: z.array(
      z.object({ label: z.string(), neurons: int, spikesPerInference: count, ratePerTick: count }),
    ),
  }),
  layers: z.array(layerDiagnostics),
  checks: z.object({
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
  }),
  hardware: z.record(z.string(), hardwareEntry),
  energy: z.record(z.string(), energyEntrySchema),
  /** The converted network and a few test samples' inputs (report-network.ts); only when asked for. */
  spikingNetwork: spikingNetworkSchema.optional(),
});

const snnBlock = z.discriminatedUnion('applicable', [
  snnApplicable,
  z.object({ applicable: z.literal(false), reason: z.string() }),
]);

export const compareReportSchema = z.object({
  schemaVersion: z.literal(READABLE_REPORT_VERSIONS),
  dataset: z.string(),
  task: z.enum(['classification', 'regression']),
  seed: int,
  settings: z.object({
    timesteps: int,
    encoding: z.string(),
    percentile: num,
    readout: z.string(),
    platforms: z.array(z.string()),
    trainSamples: int,
    testSamples: int,
  }),
  ann: annBlock,
  snn: snnBlock,
  /** Machine-dependent: the only fields allowed to differ between two runs with one seed. */
  wallClock: z.object({
    trainingSeconds: count,
    conversionSeconds: count,
    simulationSeconds: count,
    mappingSeconds: count,
    reportSeconds: count,
    totalSeconds: count,
    /** The same stages in CPU seconds of this process (null where the runtime cannot tell, e.g. a browser). */
    cpuSeconds: z
      .object({
        training: count,
        conversion: count,
        simulation: count,
        mapping: count,
        report: count,
        total: count,
      })
      .nullable(),
    /** Rate network: batched inference over the test set ÷ samples. */
    annSecondsPerSample: count,
    /** Spiking network: the engine's time per sample (T ticks), hardware counting excluded. */
    snnSecondsPerSample: count.nullable(),
    /** What ran the spiking network: `dense-rows` (WebAssembly SIMD weight rows), or the engine's `wasm` or `js` backend. */
    snnBackend: z.string().nullable(),
  }),
});

export type CompareReport = z.infer<typeof compareReportSchema>;
export type EnergyEntry = z.infer<typeof energyEntrySchema>;
export type SnnReport = Extract<CompareReport['snn'], { applicable: true }>;
export type HardwareEntry = z.infer<typeof hardwareEntry>;
export type OnChipEntry = z.infer<typeof onChipEntry>;
export type LayerDiagnostics = z.infer<typeof layerDiagnostics>;
export type SpikingNetworkBlock = z.infer<typeof spikingNetworkSchema>;

/** The one writer: validates, then JSON with two-space indentation and a final newline. */
export function serializeReport(report: CompareReport): string {
  return `${JSON.stringify(parse(compareReportSchema, report, 'report'), null, 2)}\n`;
}

/**
 * Reads a report (text or parsed JSON), with a field-naming error when it
 * does not follow the schema; `where` starts the field names (a file name).
 */
export function parseReport(input: string | unknown, where = 'report'): CompareReport {
  let data: unknown = input;
  if (typeof input === 'string') {
    try {
      data = JSON.parse(input);
    } catch (e) {
      throw new SpikelabError('INVALID_FILE', `${where}: not JSON (${(e as Error).message})`);
    }
  }
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (
    data !== null &&
    typeof data === 'object' &&
    !(READABLE_REPORT_VERSIONS as readonly unknown[]).includes(version)
  ) {
    throw new SpikelabError(
      'INVALID_FILE',
      version === undefined
        ? `${where}.schemaVersion: missing; allowed: ${READABLE_REPORT_VERSIONS.join(' or ')} (not a comparison report written by spikelab compare?)`
        : `${where}.schemaVersion: got ${JSON.stringify(version)}; allowed: ${READABLE_REPORT_VERSIONS.join(' or ')} (the comparison report versions this spikelab reads)`,
    );
  }
  return parse(compareReportSchema, data, where, 'INVALID_FILE');
}
