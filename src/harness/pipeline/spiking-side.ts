/**
 * A spiking contender through the pipeline: built as an engine network,
 * mapped onto each neuromorphic platform, simulated on the test samples
 * with every platform's counter listening, its TrueNorth deployment run on
 * the same samples, then its hardware entries and energy. The conversion of
 * the rate network is one contender; a network trained directly or
 * imported is another, and goes through the same steps.
 */

import type { PlatformRun } from '../../../sim/hardware/platform-run.ts';
import { buildNetwork } from '../../../sim/network/build.ts';
import type { Network } from '../../../sim/network/network.ts';
import { SPIKING_PLATFORMS } from '../compare-options.ts';
import type { Conversion } from '../convert/convert.ts';
import type { SpikingClassifier, SpikingOrigin } from '../convert/spiking-classifier.ts';
import { LayerComparison } from '../metrics/diagnostics.ts';
import type { EnergyEntry, HardwareEntry, OnChipEntry } from '../report/schema.ts';
import { type OnChipStarter, type PendingOnChip, trueNorthOnChip } from '../run/on-chip.ts';
import { floatListeners, mapPlatforms, platformResults } from '../run/platforms.ts';
import type { ReadoutName } from '../run/readout.ts';
import type { BackendChoice } from '../run/simulate.ts';
import { type SimulationResult, simulateSamples } from '../run/simulate.ts';

/** A spiking classifier brought to the comparison beside the rate network's conversion. */
export interface SpikingContender {
  /** Unique in the report; `ann` and `snn` are the rate network's and its conversion's. */
  readonly id: string;
  readonly label: string;
  readonly classifier: SpikingClassifier;
  /** One line for the tables (default: layer sizes and neuron models). */
  readonly description?: string;
}

export interface SpikingRun {
  readonly id: string;
  readonly label: string;
  readonly origin: SpikingOrigin;
  readonly description: string;
  readonly classifier: SpikingClassifier;
  /** The conversion this network came from; null for a network trained or imported as spiking. */
  readonly conversion: Conversion | null;
  readonly network: Network;
  platforms: PlatformRun[];
  simulation: SimulationResult | null;
  /** Per-layer diagnostics against the rate network (conversions only). */
  layers: LayerComparison | null;
  /** Σ spikes × fan-out from the harness's per-neuron counts. */
  harnessEvents: number;
  onChip: Record<string, OnChipEntry>;
  hardware: Record<string, HardwareEntry>;
  energy: Record<string, EnergyEntry>;
  /** Synaptic events of each platform counter that listened to the float network. */
  hardwareEvents: Record<string, number>;
}

/** `784-512-10 IF_nonleaky`: sizes and the neuron models after the input. */
function describe(net: Network): string {
  const sizes = net.populations.map((p) => p.size).join('-');
  const models = [...new Set(net.populations.slice(1).map((p) => p.model))].join('/');
  return `${sizes} ${models}`;
}

export function conversionDescription(c: Conversion, net: Network): string {
  const sizes = net.populations.map((p) => p.size).join('-');
  return `${sizes} IF (non-leaky, reset by subtraction), ${c.classifier.input.kind} input, p${c.percentile} normalisation`;
}

/** The run of a contender, its network built. */
export function spikingRun(
  c: { id: string; label: string; classifier: SpikingClassifier; description?: string },
  conversion: Conversion | null,
): SpikingRun {
  const network = buildNetwork(c.classifier.spec);
  return {
    id: c.id,
    label: c.label,
    origin: c.classifier.origin,
    description:
      c.description ??
      (conversion ? conversionDescription(conversion, network) : describe(network)),
    classifier: c.classifier,
    conversion,
    network,
    platforms: [],
    simulation: null,
    layers: null,
    harnessEvents: 0,
    onChip: {},
    hardware: {},
    energy: {},
    hardwareEvents: {},
  };
}

/** Maps the run's network onto each neuromorphic platform among `platforms`. */
export function mapSpiking(run: SpikingRun, platforms: readonly string[]): void {
  run.platforms = mapPlatforms(
    run.network,
    platforms.filter((p) => (SPIKING_PLATFORMS as readonly string[]).includes(p)),
  );
}

/** Synapses leaving each neuron (global ids). */
function fanOutOf(net: Network): Float64Array {
  const out = new Float64Array(net.size);
  for (const q of net.projections) {
    const off = net.populations[q.pre]!.offset;
    for (let i = 0; i + 1 < q.rowStart.length; i++)
      out[off + i]! += q.rowStart[i + 1]! - q.rowStart[i]!;
  }
  return out;
}

export interface SampleSet {
  readonly x: Float32Array;
  readonly labels: ArrayLike<number>;
  readonly n: number;
}

export interface SimulateSettings {
  readonly timesteps: number;
  readonly readout: ReadoutName;
  readonly seed: number;
  readonly backend: BackendChoice;
}

/**
 * Every test sample through the engine, the platforms' float-network
 * counters listening; `rateActivations` (the rate network's activations of
 * the classifier's layers) turns on the per-layer diagnostics.
 */
export function simulateSpiking(
  run: SpikingRun,
  samples: SampleSet,
  s: SimulateSettings,
  rateActivations: readonly Float32Array[] | null,
  onSample?: (done: number, total: number) => void,
): void {
  const fanOut = fanOutOf(run.network);
  const layers = rateActivations
    ? new LayerComparison(run.classifier, run.network, rateActivations, s.timesteps)
    : null;
  let events = 0;
  run.simulation = simulateSamples(
    run.classifier,
    samples.x,
    samples.labels,
    samples.n,
    {
      timesteps: s.timesteps,
      readout: s.readout,
      seed: s.seed,
      backend: s.backend,
      listeners: floatListeners(run.platforms),
      ...(onSample ? { onSample } : {}),
      onSampleCounts: (k, counts) => {
        for (let i = 0; i < counts.length; i++) events += counts[i]! * fanOut[i]!;
        layers?.add(k, counts);
      },
    },
    run.network,
  );
  run.layers = layers;
  run.harnessEvents = events;
}

/**
 * Share of the TrueNorth deployment's samples this thread keeps when a
 * worker takes the rest: half, which balances the two on MNIST
 * (bench/compare.ts prints the stage times).
 */
const ON_CHIP_MAIN_SHARE = 0.5;
/**
 * Work (samples × ticks × deployed neurons) below which a worker's start-up,
 * about a second of loading modules and building its deployment, costs more
 * than half the run saves: MNIST's 2,000 × 100 × 15,850 = 3.2·10⁹ is worth a
 * worker, digits' 4·10⁷ is not.
 */
export const ON_CHIP_WORKER_MIN_WORK = 5e8;

export interface DeployContext {
  readonly worker?: OnChipStarter;
  readonly workerMinWork?: number;
  readonly onSample?: (done: number, total: number) => void;
}

/** The TrueNorth deployment (if any) run on the same samples: its accuracy and the counts the platform reports. */
export function deploySpiking(
  run: SpikingRun,
  samples: SampleSet,
  s: { timesteps: number; seed: number },
  ctx: DeployContext,
): boolean {
  const tn = run.platforms.find((r) => r.platform.id === 'truenorth' && r.mapped !== null);
  if (!tn) return false;
  const { n, x } = samples;
  let pending: PendingOnChip | null = null;
  const work = tn.deployment ? n * s.timesteps * tn.deployment.network.size : 0;
  if (tn.deployment && ctx.worker && work >= (ctx.workerMinWork ?? ON_CHIP_WORKER_MIN_WORK)) {
    pending = ctx.worker({
      classifier: run.classifier,
      x,
      y: Int32Array.from({ length: n }, (_, k) => samples.labels[k]!),
      from: Math.floor(n * ON_CHIP_MAIN_SHARE),
      to: n,
      timesteps: s.timesteps,
      seed: s.seed,
    });
  }
  run.onChip['truenorth'] = trueNorthOnChip(
    tn,
    run.classifier,
    x,
    samples.labels,
    n,
    s,
    pending,
    ctx.onSample,
  );
  return tn.deployment !== null;
}

/** Hardware entries and energy per platform, once every sample ran. */
export function priceSpiking(run: SpikingRun, n: number, timesteps: number): void {
  const r = platformResults(run.platforms, n, n * timesteps, run.onChip);
  run.hardware = r.hardware;
  run.energy = r.energy;
  run.hardwareEvents = r.synapticEvents;
}
