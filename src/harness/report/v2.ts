/**
 * Versions 1 and 2 of the comparison report, as spikelab wrote them before
 * version 3: exactly two networks, `ann` and `snn`, side by side, energy as
 * one figure per platform whose `static` term charged whole chips over T
 * ticks of 1 ms. Kept to read old files unchanged; upgrade.ts turns them
 * into version 3. Version 2 added `snn.spikingNetwork` and TrueNorth's
 * `snn.hardware.truenorth.onChip.deployment` (both optional), so a version 1
 * report is a version 2 report without them.
 */
import { z } from '../../core/schema.ts';
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
  neurobenchSnn,
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

export const LEGACY_REPORT_VERSIONS = [1, 2] as const;

/** Energy of one inference on one platform, or why the network does not run there. */
export const energyEntryV2 = z.discriminatedUnion('mappable', [
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

const annBlock = z.object({
  network: rateNetwork,
  training: rateTraining,
  /** Test accuracy; null for regression. */
  accuracy: fraction.nullable(),
  /** Test loss (regression: in the target's units; an NLL in nats per sample). */
  loss: num,
  neurobench: neurobenchAnn,
  /** Per inference (one sample), as priced by the energy tables. */
  operations: rateOperations,
  energy: z.record(z.string(), energyEntryV2),
});

const snnApplicable = z.object({
  applicable: z.literal(true),
  origin: z.enum(['conversion', 'surrogate-gradient']),
  conversion: conversionBlock,
  encoding: encodingBlock,
  readout: readoutBlock,
  network: spikingNetworkShape,
  timesteps: int,
  /** Accuracy after the last tick. */
  accuracy: fraction,
  /** Accuracy after tick 1, 2, …, timesteps. */
  accuracyByTick: z.array(fraction),
  latencyTicks,
  /** Share of samples whose final class equals the rate network's. */
  agreementWithAnn: fraction,
  neurobench: neurobenchSnn,
  counts: spikingCounts,
  layers: z.array(layerDiagnostics),
  checks: eventChecks,
  hardware: z.record(z.string(), hardwareEntry),
  energy: z.record(z.string(), energyEntryV2),
  /** The converted network and a few test samples' inputs (report/network.ts); only when asked for. */
  spikingNetwork: spikingNetworkSchema.optional(),
});

const snnBlock = z.discriminatedUnion('applicable', [
  snnApplicable,
  z.object({ applicable: z.literal(false), reason: z.string() }),
]);

export const compareReportV2 = z.object({
  schemaVersion: z.literal(LEGACY_REPORT_VERSIONS),
  dataset: z.string(),
  task: z.enum(['classification', 'regression']),
  seed: int,
  settings: runSettings,
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

export type CompareReportV2 = z.infer<typeof compareReportV2>;
export type EnergyEntryV2 = z.infer<typeof energyEntryV2>;
export type SnnReportV2 = Extract<CompareReportV2['snn'], { applicable: true }>;
