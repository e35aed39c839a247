/**
 * The comparison report, version 3: one versioned JSON document per run,
 * written by `serializeReport` alone and read back by `parseReport` (which
 * also reads versions 1 and 2 and upgrades them, upgrade.ts) in the CLI,
 * the web page and the tests. Browser-safe.
 *
 * Layout: a list of networks (the rate network, its spiking conversion, and
 * any other spiking classifier brought to the comparison), each with the
 * same block: accuracy with its 95 % Wilson interval, accuracy against
 * ticks, latency, NeuroBench's metrics under their own names, energy per
 * platform (dynamic and static terms, the time one inference takes, and
 * their product), and per-layer diagnostics where the network has layers.
 * Pairs of classifiers judged on the same samples carry McNemar's exact
 * test. Everything that depends on the machine rather than the seed is in
 * `wallClock`, so two runs with one seed agree on all else.
 */
import { z } from '../../core/schema.ts';
import type { HardwareEntry } from './parts.ts';
import {
  conversionBlock,
  count,
  encodingBlock,
  eventChecks,
  fraction,
  hardwareEntry,
  int,
  latencyTicks,
  layerDiagnostics,
  neurobenchAnn,
  num,
  rateNetwork,
  rateOperations,
  rateTraining,
  readoutBlock,
  runSettings,
  spikingCounts,
  spikingNetworkSchema,
  spikingNetworkShape,
} from './parts.ts';

export const COMPARE_REPORT_SCHEMA_VERSION = 3;
/** Versions `parseReport` reads; 1 and 2 are upgraded to 3. */
export const READABLE_REPORT_VERSIONS = [1, 2, 3] as const;

export const TIME_MODELS = ['fixed-tick', 'busiest-core', 'roofline', 'unknown'] as const;

/** Energy of one inference on one platform, or why the network does not run there. */
export const energyEntrySchema = z.discriminatedUnion('mappable', [
  z.object({
    mappable: z.literal(true),
    /** Σ events × cost per event (J). */
    dynamicJoules: count,
    /**
     * Static power × secondsPerInference: pro-rated to the cores the network
     * occupies (`usedCores`), and for every chip it touches (`wholeChips`);
     * null where the device has no published static figure (`static` is then
     * unpriced).
     */
    staticJoules: z.object({ usedCores: count.nullable(), wholeChips: count.nullable() }),
    /** dynamicJoules + staticJoules.usedCores; a lower bound when `complete` is false. */
    totalJoules: count,
    /** Seconds one inference takes on the device; null when its time has no model (an upgraded report says so). */
    secondsPerInference: count.nullable(),
    /** totalJoules × secondsPerInference (J·s), as Davies et al. 2021 (Proc. IEEE) compare devices. */
    energyDelayProduct: count.nullable(),
    /** Dynamic joules by kind of event. */
    breakdown: z.record(z.string(), count),
    time: z.object({
      model: z.enum(TIME_MODELS),
      /** fixed-tick: ticks one inference takes (T plus a deployment's latency); null otherwise. */
      ticks: int.nullable(),
      /** True when part of the time is unpriced or peak-rate: the time (and the static terms) are lower bounds. */
      lowerBound: z.boolean(),
      note: z.string(),
    }),
    /** What the static terms were charged with; null when static power is unpriced. */
    staticPower: z
      .object({ wattsPerChip: count, chips: int, cores: int, coresPerChip: int })
      .nullable(),
    sources: z.object({ dynamic: z.string(), static: z.string(), time: z.string() }),
    table: z.string(),
    complete: z.boolean(),
    unpriced: z.array(z.string()),
  }),
  z.object({ mappable: z.literal(false), reason: z.string() }),
]);

const accuracyStat = z.object({
  /** correct / samples. */
  value: fraction,
  correct: int,
  samples: int,
  /** 95 % Wilson score interval. */
  wilson95: z.object({ low: fraction, high: fraction }),
});

const latencyBlock = z.discriminatedUnion('kind', [
  /** A rate network answers after one forward pass. */
  z.object({ kind: z.literal('forward-pass') }),
  z.object({ kind: z.literal('ticks'), timesteps: int, ...latencyTicks.shape }),
]);

const neurobench = neurobenchAnn.extend({
  /** Spiking networks: membrane updates per sample of the neuron layers (the input encoder excluded); null for a rate network. */
  MembraneUpdates: count.nullable(),
});

/** The rate network as trained. */
const rateDetails = z.object({
  network: rateNetwork,
  training: rateTraining,
  /** Per inference, as the energy tables price them. */
  operations: rateOperations,
});

/** A spiking network as simulated, counted and mapped. */
const spikingDetails = z.object({
  /** Conversion settings; null for a network trained or imported as a spiking network. */
  conversion: conversionBlock.nullable(),
  encoding: encodingBlock,
  readout: readoutBlock,
  network: spikingNetworkShape,
  timesteps: int,
  /** Share of samples whose final class equals the rate network's; null without a rate network. */
  agreementWithAnn: fraction.nullable(),
  counts: spikingCounts,
  checks: eventChecks,
  hardware: z.record(z.string(), hardwareEntry),
  /** The network and a few test samples' inputs (report/network.ts); only when asked for. */
  spikingNetwork: spikingNetworkSchema.optional(),
});

export const NETWORK_ORIGINS = ['training', 'conversion', 'surrogate-gradient', 'import'] as const;

export const networkEntrySchema = z.object({
  /** Unique within the report: `ann`, `snn` (the conversion), or the caller's. */
  id: z.string().min(1, { error: () => 'a non-empty id' }),
  label: z.string(),
  paradigm: z.enum(['rate', 'spiking']),
  origin: z.enum(NETWORK_ORIGINS),
  /** One line: sizes, neuron model, coding. */
  description: z.string(),
  /** Test accuracy; null for regression. */
  accuracy: accuracyStat.nullable(),
  /** Test loss of a rate network (regression: in the target's units); null for a spiking network. */
  loss: num.nullable(),
  /** Spiking networks: accuracy after tick 1, 2, …, T; null for a rate network. */
  accuracyByTick: z.array(fraction).nullable(),
  latency: latencyBlock,
  neurobench,
  energy: z.record(z.string(), energyEntrySchema),
  /** Class of each test sample (same order as the report's `labels`); null when not kept (an upgraded report). */
  predictions: z.array(int).nullable(),
  /** Per-layer diagnostics of a converted network; null otherwise. */
  layers: z.array(layerDiagnostics).nullable(),
  rate: rateDetails.optional(),
  spiking: spikingDetails.optional(),
});

/** McNemar's exact test of two networks on the same test samples. */
export const comparisonSchema = z.object({
  first: z.string(),
  second: z.string(),
  samples: int,
  bothRight: int,
  /** Right by the first, wrong by the second. */
  onlyFirst: int,
  onlySecond: int,
  bothWrong: int,
  /** Two-sided exact p-value. */
  pValue: fraction,
  /** pValue < 0.05. */
  significant: z.boolean(),
});

const stageTime = z.object({
  stage: z.string(),
  wallSeconds: count,
  /** CPU seconds of this process; null where the runtime cannot tell (a browser). */
  cpuSeconds: count.nullable(),
});

export const compareReportSchema = z.object({
  schemaVersion: z.literal(COMPARE_REPORT_SCHEMA_VERSION),
  dataset: z.string(),
  task: z.enum(['classification', 'regression']),
  seed: int,
  settings: runSettings,
  /** Test labels of the samples every network ran on; null for regression or an upgraded report. */
  labels: z.array(int).nullable(),
  networks: z.array(networkEntrySchema).min(1, { error: () => 'at least one network' }),
  /** Networks the comparison could not build here, with the reason (a regression has no spiking side). */
  notApplicable: z.array(z.object({ id: z.string(), label: z.string(), reason: z.string() })),
  comparisons: z.array(comparisonSchema),
  /** Set when the report was read from an older version and upgraded; what the upgrade could not recover is said in `notes`. */
  upgradedFrom: z.union([z.literal(1), z.literal(2)]).optional(),
  notes: z.array(z.string()),
  /** Machine-dependent: the only fields allowed to differ between two runs with one seed. */
  wallClock: z.object({
    /** The pipeline's stages in order. */
    stages: z.array(stageTime),
    totalSeconds: count,
    cpuTotalSeconds: count.nullable(),
    /** Per network id: time per test sample, and what ran it. */
    networks: z.record(
      z.string(),
      z.object({ secondsPerSample: count.nullable(), backend: z.string().nullable() }),
    ),
  }),
});

export type CompareReport = z.infer<typeof compareReportSchema>;
export type NetworkEntry = z.infer<typeof networkEntrySchema>;
export type EnergyEntry = z.infer<typeof energyEntrySchema>;
export type MappableEnergy = Extract<EnergyEntry, { mappable: true }>;
export type Comparison = z.infer<typeof comparisonSchema>;
export type { HardwareEntry };
export type RateDetails = z.infer<typeof rateDetails>;
export type SpikingDetails = z.infer<typeof spikingDetails>;
export type LayerDiagnostics = z.infer<typeof layerDiagnostics>;
export type SpikingNetworkBlock = z.infer<typeof spikingNetworkSchema>;
export type OnChipEntry = Extract<HardwareEntry, { mappable: true }>['onChip'] & object;
