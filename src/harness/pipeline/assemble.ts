/**
 * The report of a comparison from what the stages left: one entry per
 * network (the rate network first, then every spiking one), McNemar's
 * exact test for every pair on the same samples, and the spiking side that
 * could not be built with its reason.
 */
import type { Dataset } from '../../data/dataset.ts';
import type { ResolvedCompareOptions } from '../compare-options.ts';
import { latencyOf } from '../metrics/latency.ts';
import { snnNeurobench } from '../metrics/snn-metrics.ts';
import { ALPHA, mcnemarExact, pairCounts, wilsonInterval } from '../metrics/statistics.ts';
import { spikingNetworkBlock } from '../report/network.ts';
import {
  COMPARE_REPORT_SCHEMA_VERSION,
  type CompareReport,
  type Comparison,
  type EnergyEntry,
  type NetworkEntry,
} from '../report/schema.ts';
import { COUNT_TIES, MEMBRANE_TIES } from '../run/readout.ts';
import type { TrainRun } from '../train-rate.ts';
import type { RateSide } from './rate-side.ts';
import type { SpikingRun } from './spiking-side.ts';

export interface AssembleInput {
  readonly dataset: Dataset;
  readonly o: ResolvedCompareOptions;
  readonly train: TrainRun;
  /** Test samples every network ran on. */
  readonly n: number;
  readonly rate: RateSide;
  readonly annEnergy: Record<string, EnergyEntry>;
  readonly runs: readonly SpikingRun[];
  /** Why the rate network has no conversion, or null. */
  readonly blocked: string | null;
}

function accuracyStat(correct: number, samples: number): NonNullable<NetworkEntry['accuracy']> {
  return {
    value: correct / Math.max(1, samples),
    correct,
    samples,
    wilson95: wilsonInterval(correct, samples),
  };
}

function annEntry(a: AssembleInput): NetworkEntry {
  const r = a.train.result;
  const rate = a.rate;
  return {
    id: 'ann',
    label: 'rate network (ANN)',
    paradigm: 'rate',
    origin: 'training',
    description: `${r.layers.join('-')} ${r.activation}${r.dropout ? `, dropout ${r.dropout}` : ''}`,
    accuracy: rate.predictions ? accuracyStat(rate.correct, a.n) : null,
    loss: r.testLoss,
    accuracyByTick: null,
    latency: { kind: 'forward-pass' },
    neurobench: { ...rate.workload.neurobench, MembraneUpdates: null },
    energy: a.annEnergy,
    predictions: rate.predictions ? Array.from(rate.predictions) : null,
    layers: null,
    rate: {
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
      operations: rate.workload.operations,
    },
  };
}

function spikingEntry(a: AssembleInput, run: SpikingRun): NetworkEntry {
  const sim = run.simulation!;
  const n = sim.samples;
  const c = run.classifier;
  const net = run.network;
  const o = a.o;
  const timesteps = c.timesteps ?? o.timesteps;
  const accuracyByTick = Array.from(sim.correctByTick, (k) => k / Math.max(1, n));
  const correct = sim.correctByTick[sim.correctByTick.length - 1] ?? 0;
  const annPred = a.rate.predictions;
  let agree = 0;
  if (annPred) for (let s = 0; s < n; s++) if (sim.predictions[s] === annPred[s]) agree++;
  const engine = sim.counts.synapticEvents;
  const per = (v: number) => v / Math.max(1, n);
  const conv = run.conversion;
  const labels = ['input', ...c.layers];
  return {
    id: run.id,
    label: run.label,
    paradigm: 'spiking',
    origin: run.origin,
    description: run.description,
    accuracy: accuracyStat(correct, n),
    loss: null,
    accuracyByTick,
    latency: {
      kind: 'ticks',
      timesteps: timesteps,
      ...latencyOf(accuracyByTick, sim.settleTicks),
    },
    neurobench: snnNeurobench(c, net, sim.counts, n, timesteps, correct / Math.max(1, n)),
    energy: run.energy,
    predictions: Array.from(sim.predictions),
    layers: run.layers ? run.layers.result() : null,
    spiking: {
      conversion: conv
        ? {
            neuron: 'IF_nonleaky',
            reset: 'subtraction',
            threshold: 1,
            percentile: conv.percentile,
            normalisation: conv.scales.map((s) => ({
              layer: labels[s.layer]!,
              max: s.max,
              percentile: s.percentile,
              lambda: s.lambda,
            })),
            signedInput: c.input.signed,
            inputSpikeGain: conv.inputSpikeGain,
          }
        : null,
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
      timesteps: timesteps,
      agreementWithAnn: annPred ? agree / Math.max(1, n) : null,
      counts: {
        spikesPerInference: per(sim.counts.spikes),
        synapticEventsPerInference: per(engine),
        neuronUpdatesPerInference: per(sim.counts.neuronUpdates),
        populations: net.populations.map((p, i) => ({
          label: p.label,
          neurons: p.size,
          spikesPerInference: per(sim.counts.populations[i]!.spikes),
          ratePerTick: sim.counts.populations[i]!.spikes / Math.max(1, n * timesteps * p.size),
        })),
      },
      checks: {
        synapticEvents: {
          harness: run.harnessEvents,
          engine,
          hardware: run.hardwareEvents,
          equal:
            run.harnessEvents === engine &&
            Object.values(run.hardwareEvents).every((v) => v === engine),
        },
      },
      hardware: run.hardware,
      ...(o.includeNetwork && annPred
        ? {
            spikingNetwork: spikingNetworkBlock(
              c,
              a.rate.testX,
              a.train.test.labels!,
              { ann: annPred, snn: sim.predictions },
              a.dataset.classes ?? [],
              o.seed,
            ),
          }
        : {}),
    },
  };
}

/** McNemar's exact test for every pair of networks with predictions on the same samples. */
export function comparisons(
  networks: readonly NetworkEntry[],
  labels: readonly number[],
): Comparison[] {
  const judged = networks.filter((x) => x.predictions !== null);
  const out: Comparison[] = [];
  for (let i = 0; i < judged.length; i++) {
    for (let j = i + 1; j < judged.length; j++) {
      const a = judged[i]!;
      const b = judged[j]!;
      const t = pairCounts(a.predictions!, b.predictions!, labels);
      const pValue = mcnemarExact(t.onlyFirst, t.onlySecond);
      out.push({ first: a.id, second: b.id, ...t, pValue, significant: pValue < ALPHA });
    }
  }
  return out;
}

export function assembleReport(a: AssembleInput): CompareReport {
  const r = a.train.result;
  const classification = a.dataset.task === 'classification';
  const test = a.train.test.labels;
  const labels = classification && test ? Array.from({ length: a.n }, (_, s) => test[s]!) : null;
  const networks = [annEntry(a), ...a.runs.map((run) => spikingEntry(a, run))];
  const perSample: CompareReport['wallClock']['networks'] = {
    ann: { secondsPerSample: a.rate.secondsPerSample, backend: null },
  };
  for (const run of a.runs) {
    const sim = run.simulation!;
    perSample[run.id] = {
      secondsPerSample: sim.engineTime.wall / Math.max(1, sim.samples),
      backend: sim.backend,
    };
  }
  return {
    schemaVersion: COMPARE_REPORT_SCHEMA_VERSION,
    dataset: a.dataset.name,
    task: a.dataset.task,
    seed: a.o.seed,
    settings: {
      timesteps: a.o.timesteps,
      encoding: a.o.encoding,
      percentile: a.o.percentile,
      readout: a.o.readout,
      platforms: [...a.o.platforms],
      trainSamples: r.trainSamples,
      testSamples: a.n,
    },
    labels,
    networks,
    notApplicable:
      a.blocked === null ? [] : [{ id: 'snn', label: 'spiking network (SNN)', reason: a.blocked }],
    comparisons: labels ? comparisons(networks, labels) : [],
    notes: [],
    wallClock: { stages: [], totalSeconds: 0, cpuTotalSeconds: null, networks: perSample },
  };
}
