/**
 * The comparison, end to end: train the rate network → convert it to a
 * spiking network → simulate every test sample for T ticks → count what
 * each platform would do → one report. Each stage is a function of the
 * previous one's result; the simulation stage takes any SpikingClassifier,
 * so a network trained directly with surrogate gradients can later take
 * conversion's place without touching the rest.
 */

import { energyTable } from '../../sim/energy/index.ts';
import { buildNetwork } from '../../sim/network/build.ts';
import type { Network } from '../../sim/network/network.ts';
import { classesFromOutput } from '../ann/evaluate.ts';
import type { Sequential } from '../ann/model.ts';
import type { LossSpec } from '../ann/train.ts';
import { SpikelabError } from '../core/errors.ts';
import type { Dataset } from '../data/dataset.ts';
import { allActivations } from './activations.ts';
import { annWorkload } from './ann-metrics.ts';
import {
  type CompareOptions,
  RATE_PLATFORMS,
  type ResolvedCompareOptions,
  resolveCompareOptions,
  SPIKING_PLATFORMS,
} from './compare-options.ts';
import { type Conversion, convertToSpiking } from './convert.ts';
import { conversionObstacle, denseStack } from './dense-stack.ts';
import { LayerComparison } from './diagnostics.ts';
import { floatListeners, mapPlatforms, platformResults } from './hardware.ts';
import { latencyOf } from './latency.ts';
import { type OnChipStarter, type PendingOnChip, trueNorthOnChip } from './on-chip.ts';
import { rateEnergy } from './rate-energy.ts';
import type { LossName, RateSettings } from './rate-presets.ts';
import { COUNT_TIES, MEMBRANE_TIES } from './readout.ts';
import { spikingNetworkBlock } from './report-network.ts';
import {
  COMPARE_REPORT_SCHEMA_VERSION,
  type CompareReport,
  type EnergyEntry,
  type OnChipEntry,
  type SnnReport,
} from './report-schema.ts';
import { type SimulationResult, simulateSamples } from './simulate.ts';
import { snnNeurobench } from './snn-metrics.ts';
import { Stopwatch } from './stopwatch.ts';
import { settingsFor, type TrainCallbacks, type TrainRun, trainOnDataset } from './train-rate.ts';

export type StageName = 'training' | 'conversion' | 'simulation' | 'mapping' | 'on-chip' | 'report';

export interface CompareCallbacks extends TrainCallbacks {
  onStage?: (stage: StageName) => void;
  /** Samples simulated so far. */
  onSample?: (done: number, total: number) => void;
  /** Samples of the TrueNorth deployment's run done so far (stage 'on-chip'; both threads when shared). */
  onChipSample?: (done: number, total: number) => void;
}

export interface CompareRun {
  readonly report: CompareReport;
  readonly train: TrainRun;
  /** Null when the spiking side does not apply (regression, or a network conversion cannot take). */
  readonly conversion: Conversion | null;
  readonly network: Network | null;
  readonly simulation: SimulationResult | null;
}

/** Wall and CPU time of each stage; `report` is everything else (rate-network inference, metrics, assembly). */
class StageClock {
  readonly stages = {
    training: new Stopwatch(),
    conversion: new Stopwatch(),
    simulation: new Stopwatch(),
    mapping: new Stopwatch(),
  };
  readonly total = new Stopwatch().start();

  wallClock(annSecondsPerSample: number, sim: SimulationResult | null): CompareReport['wallClock'] {
    this.total.stop();
    const st = this.stages;
    const named = ['training', 'conversion', 'simulation', 'mapping'] as const;
    const rest = (pick: (w: Stopwatch) => number | null) => {
      const t = pick(this.total);
      if (t === null) return null;
      return Math.max(
        0,
        named.reduce((left, k) => left - (pick(st[k]) ?? 0), t),
      );
    };
    const cpu = this.total.cpu;
    return {
      trainingSeconds: st.training.wall,
      conversionSeconds: st.conversion.wall,
      simulationSeconds: st.simulation.wall,
      mappingSeconds: st.mapping.wall,
      reportSeconds: rest((w) => w.wall)!,
      totalSeconds: this.total.wall,
      cpuSeconds:
        cpu === null
          ? null
          : {
              training: st.training.cpu ?? 0,
              conversion: st.conversion.cpu ?? 0,
              simulation: st.simulation.cpu ?? 0,
              mapping: st.mapping.cpu ?? 0,
              report: rest((w) => w.cpu) ?? 0,
              total: cpu,
            },
      annSecondsPerSample,
      snnSecondsPerSample: sim ? sim.engineTime.wall / Math.max(1, sim.samples) : null,
      snnBackend: sim ? sim.backend : null,
    };
  }
}

/** Why there is no spiking side for this run, or null. */
function spikingObstacle(dataset: Dataset, model: Sequential, loss: LossName): string | null {
  if (dataset.task === 'regression') {
    return `${dataset.name} is a regression task: a spiking classifier reads a class out of spike counts, and the rate network's ${loss} output has no spiking counterpart here`;
  }
  const obstacle = conversionObstacle(denseStack(model));
  return obstacle === null ? null : `conversion does not apply: ${obstacle}`;
}

function annEnergy(
  platforms: readonly string[],
  ops: Parameters<typeof rateEnergy>[0],
): Record<string, EnergyEntry> {
  const out: Record<string, EnergyEntry> = {};
  for (const p of platforms)
    if ((RATE_PLATFORMS as readonly string[]).includes(p)) out[p] = rateEnergy(ops, energyTable(p));
  return out;
}

/** The rate network on the test samples: predictions, accuracy, workload, time per sample. */
function rateSide(train: TrainRun, settings: RateSettings, n: number) {
  const test = train.test;
  const testX = test.x.subarray(0, n * test.features);
  const loss: LossSpec =
    settings.loss === 'mdn' ? { type: 'mdn', k: settings.components } : { type: settings.loss };
  const clock = new Stopwatch().start();
  const out = train.model.predict({ shape: [n, test.features], data: testX });
  clock.stop();
  const predictions = test.labels ? classesFromOutput(out, loss) : null;
  let correct = 0;
  if (predictions) for (let s = 0; s < n; s++) if (predictions[s] === test.labels![s]) correct++;
  const accuracy = predictions ? correct / Math.max(1, n) : null;
  const stack = denseStack(train.model);
  const activations = allActivations(stack, testX, n);
  return {
    testX,
    stack,
    predictions,
    accuracy,
    activations,
    workload: annWorkload(stack, activations, n, accuracy),
    secondsPerSample: clock.wall / Math.max(1, n),
  };
}

export interface CompareContext {
  /** The `train` of an earlier run on the same data set, seed and training settings: compare other spiking settings without training again. */
  train?: TrainRun;
  /**
   * Runs part of the TrueNorth deployment's samples on another thread
   * (Node: `startOnChipWorker`) while this one runs the rest; same results
   * as on one thread.
   */
  onChipWorker?: OnChipStarter;
  /** Least work (samples × ticks × deployed neurons) worth a worker (default ON_CHIP_WORKER_MIN_WORK). */
  onChipWorkerMinWork?: number;
}

/**
 * Share of the TrueNorth deployment's samples this thread keeps when a
 * worker takes the rest: half, measured to balance the two on MNIST (the
 * worker, which first loads its modules and builds its own deployment,
 * finished 0.04 s after this thread's 13.1 s share).
 */
const ON_CHIP_MAIN_SHARE = 0.5;
/**
 * Work (samples × ticks × deployed neurons) below which a worker's start-up,
 * about a second of loading modules and building its deployment, costs more
 * than half the run saves: the run costs ≈ 7 ns per neuron and tick, all
 * included (MNIST: 2,000 × 100 × 15,850 = 3.2·10⁹, ≈ 23 s; digits: 4·10⁷).
 */
export const ON_CHIP_WORKER_MIN_WORK = 5e8;

/** Runs the comparison on `dataset`. */
export function compare(
  dataset: Dataset,
  options: CompareOptions = {},
  cb: CompareCallbacks = {},
  context: CompareContext = {},
): CompareRun {
  const o = resolveCompareOptions(options);
  const clock = new StageClock();
  const st = clock.stages;

  cb.onStage?.('training');
  if (context.train && o.training && Object.keys(o.training).length > 0) {
    throw new SpikelabError(
      'INVALID_ARGUMENT',
      `training: got ${Object.keys(o.training).join(', ')} with an already trained network (context.train); allowed: one or the other`,
    );
  }
  const settings = context.train?.settings ?? settingsFor(dataset.name, o.training ?? {});
  if (
    context.train &&
    (context.train.result.seed !== o.seed || context.train.result.dataset !== dataset.name)
  ) {
    throw new SpikelabError(
      'INVALID_ARGUMENT',
      `context.train: trained on ${context.train.result.dataset} with seed ${context.train.result.seed}; allowed: a run on ${dataset.name} with seed ${o.seed}`,
    );
  }
  st.training.start();
  const train = context.train ?? trainOnDataset(dataset, settings, o.seed, cb);
  st.training.stop();

  const n = Math.min(o.samples ?? Number.POSITIVE_INFINITY, train.result.testSamples);
  const rate = rateSide(train, settings, n);

  const obstacle = spikingObstacle(dataset, train.model, settings.loss);
  let conversion: Conversion | null = null;
  let network: Network | null = null;
  let simulation: SimulationResult | null = null;
  let snn: CompareReport['snn'] = { applicable: false, reason: obstacle ?? '' };
  if (obstacle === null) {
    cb.onStage?.('conversion');
    st.conversion.start();
    conversion = convertToSpiking(
      rate.stack,
      { x: train.train.x, n: train.result.trainSamples },
      {
        percentile: o.percentile,
        encoding: o.encoding,
        maxRateHz: o.maxRateHz,
        timesteps: o.timesteps,
        ...(o.windowTicks !== undefined ? { windowTicks: o.windowTicks } : {}),
      },
    );
    network = buildNetwork(conversion.classifier.spec);
    st.conversion.stop();

    cb.onStage?.('mapping');
    st.mapping.start();
    const runs = mapPlatforms(
      network,
      o.platforms.filter((p) => (SPIKING_PLATFORMS as readonly string[]).includes(p)),
    );
    st.mapping.stop();

    cb.onStage?.('simulation');
    const fanOut = fanOutOf(network);
    let harnessEvents = 0;
    const layers = new LayerComparison(
      conversion.classifier,
      network,
      rate.activations.slice(1),
      o.timesteps,
    );
    simulation = simulateSamples(
      conversion.classifier,
      rate.testX,
      train.test.labels!,
      n,
      {
        timesteps: o.timesteps,
        readout: o.readout,
        seed: o.seed,
        backend: o.backend,
        listeners: floatListeners(runs),
        onSample: cb.onSample,
        onSampleCounts: (s, counts) => {
          for (let i = 0; i < counts.length; i++) harnessEvents += counts[i]! * fanOut[i]!;
          layers.add(s, counts);
        },
      },
      network,
    );
    st.simulation.add(simulation.engineTime);
    st.mapping.add(simulation.listenerTime);

    // The worker starts once the float network's samples are done, so their
    // time per sample (a reported figure) is measured without it.
    st.mapping.start();
    const tn = runs.find((r) => r.platform.id === 'truenorth' && r.deployment !== null);
    let pending: PendingOnChip | null = null;
    const work = tn ? n * o.timesteps * tn.deployment!.network.size : 0;
    if (
      tn &&
      context.onChipWorker &&
      work >= (context.onChipWorkerMinWork ?? ON_CHIP_WORKER_MIN_WORK)
    ) {
      const from = Math.floor(n * ON_CHIP_MAIN_SHARE);
      pending = context.onChipWorker({
        classifier: conversion.classifier,
        x: rate.testX,
        y: Int32Array.from({ length: n }, (_, s) => train.test.labels![s]!),
        from,
        to: n,
        timesteps: o.timesteps,
        seed: o.seed,
      });
    }
    const onChip: Record<string, OnChipEntry> = {};
    for (const run of runs) {
      if (run.platform.id === 'truenorth' && run.mapped !== null) {
        if (run === tn) cb.onStage?.('on-chip');
        onChip[run.platform.id] = trueNorthOnChip(
          run,
          conversion.classifier,
          rate.testX,
          train.test.labels!,
          n,
          o,
          run === tn ? pending : null,
          cb.onChipSample,
        );
      }
    }
    cb.onStage?.('report');
    const hw = platformResults(runs, n, n * o.timesteps, onChip);
    st.mapping.stop();
    snn = snnBlock(
      o,
      conversion,
      network,
      simulation,
      rate.predictions!,
      layers,
      hw,
      harnessEvents,
    );
    if (o.includeNetwork) {
      snn.spikingNetwork = spikingNetworkBlock(
        conversion.classifier,
        rate.testX,
        train.test.labels!,
        { ann: rate.predictions!, snn: simulation.predictions },
        dataset.classes ?? [],
        o.seed,
      );
    }
  } else {
    cb.onStage?.('report');
  }

  const r = train.result;
  const report: CompareReport = {
    schemaVersion: COMPARE_REPORT_SCHEMA_VERSION,
    dataset: dataset.name,
    task: dataset.task,
    seed: o.seed,
    settings: {
      timesteps: o.timesteps,
      encoding: o.encoding,
      percentile: o.percentile,
      readout: o.readout,
      platforms: [...o.platforms],
      trainSamples: r.trainSamples,
      testSamples: n,
    },
    ann: {
      network: {
        layers: r.layers,
        activation: r.activation,
        dropout: r.dropout,
        parameters: r.parameters,
      },
      training: {
        loss: r.loss,
        optimizer: r.optimizer,
        lr: r.lr,
        epochs: r.epochs,
        batch: r.batch,
        trainLoss: r.trainLoss,
        trainAccuracy: r.trainAccuracy ?? null,
      },
      accuracy: rate.accuracy,
      loss: r.testLoss,
      neurobench: rate.workload.neurobench,
      operations: rate.workload.operations,
      energy: annEnergy(o.platforms, rate.workload.operations),
    },
    snn,
    wallClock: clock.wallClock(rate.secondsPerSample, simulation),
  };
  return { report, train, conversion, network, simulation };
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

function snnBlock(
  o: ResolvedCompareOptions,
  conversion: Conversion,
  net: Network,
  sim: SimulationResult,
  annPred: Int32Array,
  layers: LayerComparison,
  hw: ReturnType<typeof platformResults>,
  harnessEvents: number,
): SnnReport {
  const n = sim.samples;
  const c = conversion.classifier;
  const accuracyByTick = Array.from(sim.correctByTick, (k) => k / Math.max(1, n));
  const accuracy = accuracyByTick[accuracyByTick.length - 1] ?? 0;
  let agree = 0;
  for (let s = 0; s < n; s++) if (sim.predictions[s] === annPred[s]) agree++;
  const engineEvents = sim.counts.synapticEvents;
  const per = (v: number) => v / Math.max(1, n);
  const labels = ['input', ...c.layers];
  return {
    applicable: true,
    origin: c.origin,
    conversion: {
      neuron: 'IF_nonleaky',
      reset: 'subtraction',
      threshold: 1,
      percentile: conversion.percentile,
      normalisation: conversion.scales.map((s) => ({
        layer: labels[s.layer]!,
        max: s.max,
        percentile: s.percentile,
        lambda: s.lambda,
      })),
      signedInput: c.input.signed,
      inputSpikeGain: conversion.inputSpikeGain,
    },
    encoding: {
      kind: c.input.kind,
      maxRateHz: c.input.kind === 'poisson' ? c.input.maxRateHz : null,
      windowTicks: c.input.kind === 'ttfs' ? c.input.windowTicks : null,
    },
    readout: { kind: o.readout, ties: o.readout === 'count' ? COUNT_TIES : MEMBRANE_TIES },
    network: {
      populations: net.populations.map((p) => ({
        label: p.label,
        neurons: p.size,
        model: p.model,
      })),
      synapses: net.synapses,
    },
    timesteps: o.timesteps,
    accuracy,
    accuracyByTick,
    latencyTicks: latencyOf(accuracyByTick, sim.settleTicks),
    agreementWithAnn: agree / Math.max(1, n),
    neurobench: snnNeurobench(c, net, sim.counts, n, o.timesteps, accuracy),
    counts: {
      spikesPerInference: per(sim.counts.spikes),
      synapticEventsPerInference: per(engineEvents),
      neuronUpdatesPerInference: per(sim.counts.neuronUpdates),
      populations: net.populations.map((p, i) => ({
        label: p.label,
        neurons: p.size,
        spikesPerInference: per(sim.counts.populations[i]!.spikes),
        ratePerTick: sim.counts.populations[i]!.spikes / Math.max(1, n * o.timesteps * p.size),
      })),
    },
    layers: layers.result(),
    checks: {
      synapticEvents: {
        harness: harnessEvents,
        engine: engineEvents,
        hardware: hw.synapticEvents,
        equal:
          harnessEvents === engineEvents &&
          Object.values(hw.synapticEvents).every((v) => v === engineEvents),
      },
    },
    hardware: hw.hardware,
    energy: hw.energy,
  };
}
