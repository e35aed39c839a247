/**
 * A network in TrueNorth form: what the chip would compute under the
 * per-axon-type mapping (truenorth-map.ts), as an engine network of
 * `TrueNorth` neurons, so its accuracy can be measured against the
 * original's (the effect of weight quantisation, axon-type sharing and relay
 * delays). One weight per projection, axon type and neuron cannot hold a
 * dense layer (a converted digits network falls to chance): for
 * rate-coded feed-forward networks see the deployment with per-synapse
 * weights and split neurons (truenorth-deploy.ts). The mapping decides
 * everything the chip constrains:
 *
 * - each synapse becomes one crossbar event (weight 1) on the channel of its
 *   axon type (`synapseType`); repeats of one (source, delay) pair onto one
 *   neuron share a crossbar bit, so only the first delivers (weight 0 for the
 *   others: the synapse and its event count stay);
 * - each neuron's four weights are its row of the quantised `weightTable`;
 * - threshold, leak and initial potential are scaled by the same weight
 *   scale and rounded: θ' = round((vThresh − vReset)·s), the constant current
 *   becomes the leak λ = round(dt·iOffset/cm · s) (a drive added each tick),
 *   v' = round((v − vReset)·s);
 * - a synapse of delay 1 from a neuron that sends through splitters arrives
 *   one tick later (truenorth-relays.ts).
 *
 * Neuron model: IF_nonleaky (ANN-to-SNN conversion) maps exactly onto the
 * TrueNorth neuron with reset by subtraction, no leak but the constant drive,
 * and a floor at −(2^19 − 1); other models have dynamics the TrueNorth neuron
 * cannot express (exponential synapses or leak) and are refused. Spike-source
 * populations are kept as they are.
 */

import { invalid } from '../../src/core/errors.ts';
import type { Counts } from '../engine/counters.ts';
import type { SpikeListener } from '../engine/listener.ts';
import { Simulator } from '../engine/simulator.ts';
import { buildNetwork } from '../network/build.ts';
import type { Network, NeuronPopulation } from '../network/network.ts';
import type { NetworkSpec, PopulationSpec, ProjectionSpec } from '../network/spec.ts';
import { createCounter } from './map.ts';
import { type HardwareReport, hardwareReport } from './report.ts';
import { sourcePopulations } from './run-on-platform.ts';
import {
  TRUENORTH_AXON_TYPES,
  TRUENORTH_MAX_DELAY,
  TRUENORTH_V_MAX,
  truenorth,
} from './truenorth.ts';
import { compact } from './truenorth-deploy-tables.ts';
import { mapToTrueNorth, type TrueNorthMapping, type TrueNorthOptions } from './truenorth-map.ts';
import { RESET_SUBTRACT } from './truenorth-params.ts';

export type TrueNorthFormOptions = Pick<
  TrueNorthOptions,
  'placement' | 'weightScale' | 'mode' | 'budgetBytes' | 'platform'
>;

export interface TrueNorthForm {
  /** The mapping the form follows (placement, relays, quantised weights, report). */
  readonly mapping: TrueNorthMapping;
  /** The network in TrueNorth form, as a spec (JSON-ready) and built. */
  readonly spec: NetworkSpec;
  readonly network: Network;
  /** Integer units per original weight unit (mV). */
  readonly scale: number;
  /** Largest |rounded − exact| threshold relative to the exact one (0 when all are integers). */
  readonly thresholdRelativeError: number;
  /** Largest |rounded − exact| leak per tick, in original units (mV per tick). */
  readonly leakError: number;
  /** Synapses of delay 1 that arrive a tick later through splitters. */
  readonly delayedSynapses: number;
  /** One line per kind of change (the mapping's, then the neuron conversion's). */
  readonly changes: readonly string[];
}

/** A parameter of neuron i of a population, per neuron or shared. */
function param(pop: NeuronPopulation, name: string, i: number): number {
  const per = pop.perNeuron[name];
  return per ? per[i]! : pop.params[name]!;
}

function checkConvertible(net: Network): void {
  if (net.dt !== truenorth.timing.tickMs) {
    throw invalid(
      'dt',
      net.dt,
      `${truenorth.timing.tickMs} ms, the TrueNorth tick (build the network at that tick)`,
    );
  }
  net.populations.forEach((p, i) => {
    if (p.kind !== 'neuron') return;
    const where = `populations.${i} ('${p.label}')`;
    if (p.model !== 'IF_nonleaky') {
      throw invalid(
        `${where}.model`,
        p.model,
        'IF_nonleaky or a spike source: the TrueNorth neuron has no exponential synapses or leak to map other models onto',
      );
    }
    const ref = p.neuron.refractoryTicks(p.params, net.dt);
    if (p.perNeuron.tauRefrac || ref > 0)
      throw invalid(
        `${where}.params.tauRefrac`,
        p.params.tauRefrac,
        '0: TrueNorth has no refractory period',
      );
    if (p.poissonInput.length > 0 || p.stepCurrents !== null)
      throw invalid(
        `${where}`,
        'poissonInput/stepCurrents',
        'neither: feed it from a spike-source population',
      );
  });
}

/** True for each out-edge that is the first synapse of its (source, delay) pair onto its target. */
function firstOfPair(m: TrueNorthMapping): Uint8Array {
  const c = m.connectivity;
  const slots = TRUENORTH_MAX_DELAY + 1;
  const stamp = new Int32Array(c.neurons * slots);
  const first = new Uint8Array(c.synapses);
  for (let j = 0; j < c.neurons; j++) {
    for (let e = c.inStart[j]!; e < c.inStart[j + 1]!; e++) {
      const key = c.inSource[e]! * slots + c.inDelay[e]!;
      if (stamp[key] === j + 1) continue;
      stamp[key] = j + 1;
      first[c.inOut[e]!] = 1;
    }
  }
  return first;
}

/** Counts, channels and delays (ms) of every projection, from the mapping's out-edges. */
function formProjections(net: Network, m: TrueNorthMapping) {
  const c = m.connectivity;
  const first = firstOfPair(m);
  const types = m.truenorth.weights.synapseType;
  const relayed = m.relays?.relayCoreOf;
  const out = net.projections.map((p) => ({
    counts: new Float32Array(p.targets.length),
    channel: new Uint8Array(p.targets.length),
    delays: new Float64Array(p.targets.length),
  }));
  let delayed = 0;
  for (let v = 0; v < c.neurons; v++) {
    const viaSplitters = relayed !== undefined && relayed[v]! >= 0;
    for (let e = c.outStart[v]!; e < c.outStart[v + 1]!; e++) {
      const k = out[c.outProjection[e]!]!;
      const s = c.outSynapse[e]!;
      let d = c.outDelay[e]!;
      if (viaSplitters && d === 1) {
        d = 2;
        delayed++;
      }
      k.counts[s] = first[e]!;
      k.channel[s] = types[e]!;
      k.delays[s] = d * net.dt;
    }
  }
  const projections: ProjectionSpec[] = net.projections.map((p, k) => ({
    label: p.label,
    pre: p.pre,
    post: p.post,
    connector: {
      type: 'csr',
      rowStart: p.rowStart,
      targets: p.targets,
      weights: out[k]!.counts,
      delays: out[k]!.delays,
    },
    receptor: p.receptor,
    channel: out[k]!.channel,
  }));
  return { projections, delayed };
}

/** The TrueNorth population replacing an IF_nonleaky one, and its rounding errors. */
function formPopulation(pop: NeuronPopulation, m: TrueNorthMapping, scale: number, dt: number) {
  const n = pop.size;
  const table = m.truenorth.weights.weightTable;
  const threshold = new Float64Array(n);
  const leak = new Float64Array(n);
  const v0 = new Float64Array(n);
  const weights = Array.from({ length: TRUENORTH_AXON_TYPES }, () => new Float64Array(n));
  let thresholdError = 0;
  let leakError = 0;
  for (let i = 0; i < n; i++) {
    const g = pop.offset + i;
    for (let t = 0; t < TRUENORTH_AXON_TYPES; t++)
      weights[t]![i] = table[g * TRUENORTH_AXON_TYPES + t]!;
    const vReset = param(pop, 'vReset', i);
    const exactTheta = (param(pop, 'vThresh', i) - vReset) * scale;
    threshold[i] = Math.round(exactTheta);
    if (threshold[i]! > TRUENORTH_V_MAX) {
      throw invalid(
        `${pop.label} threshold × weight scale`,
        threshold[i],
        `at most ${TRUENORTH_V_MAX} (the 20-bit membrane): choose a smaller weightScale`,
      );
    }
    thresholdError = Math.max(thresholdError, Math.abs(threshold[i]! - exactTheta) / exactTheta);
    const drive = ((dt * pop.iOffset[i]!) / param(pop, 'cm', i)) * scale;
    leak[i] = Math.max(-TRUENORTH_V_MAX, Math.min(TRUENORTH_V_MAX, Math.round(drive)));
    leakError = Math.max(leakError, Math.abs(leak[i]! - drive) / scale);
    // IF_nonleaky stores v as is (no vRest), so initial[0] is the absolute potential
    const v = Math.round((pop.initial[0]![i]! - vReset) * scale);
    v0[i] = Math.max(-TRUENORTH_V_MAX, Math.min(TRUENORTH_V_MAX, v));
  }
  const spec: PopulationSpec = {
    label: pop.label,
    size: n,
    model: 'TrueNorth',
    params: {
      weight0: compact(weights[0]!),
      weight1: compact(weights[1]!),
      weight2: compact(weights[2]!),
      weight3: compact(weights[3]!),
      threshold: compact(threshold),
      leak: compact(leak),
      resetMode: RESET_SUBTRACT,
      // IF_nonleaky has no floor: the lowest the 20-bit register holds
      negThreshold: TRUENORTH_V_MAX,
      negativeSaturate: 1,
    },
    initial: { v: compact(v0) },
  };
  return { spec, thresholdError, leakError };
}

/**
 * Maps `net` onto TrueNorth and returns the network the chip would run, ready
 * for the engine. The network must be built at the 1 ms tick.
 */
export function toTrueNorthForm(net: Network, options: TrueNorthFormOptions = {}): TrueNorthForm {
  checkConvertible(net);
  const mapping = mapToTrueNorth(net, { ...options, sources: sourcePopulations(net) });
  const scale = mapping.truenorth.weights.scale;
  let thresholdRelativeError = 0;
  let leakError = 0;
  const populations = net.populations.map((p, i) => {
    if (p.kind !== 'neuron') return net.spec.populations[i]!;
    const f = formPopulation(p, mapping, scale, net.dt);
    thresholdRelativeError = Math.max(thresholdRelativeError, f.thresholdError);
    leakError = Math.max(leakError, f.leakError);
    return f.spec;
  });
  const { projections, delayed } = formProjections(net, mapping);
  const model = typeof net.spec.meta?.model === 'string' ? net.spec.meta.model : 'network';
  const spec: NetworkSpec = {
    schemaVersion: 1,
    dt: net.dt,
    seed: net.seed,
    populations,
    projections,
    meta: { model: `${model} (TrueNorth form)`, weightScale: scale },
  };
  const changes = [...mapping.truenorth.report.changes];
  if (thresholdRelativeError > 0)
    changes.push(
      `thresholds: ×${scale.toPrecision(4)} rounded; largest relative error ${thresholdRelativeError.toPrecision(3)}`,
    );
  if (leakError > 0)
    changes.push(
      `constant currents → leak per tick, rounded; largest error ${leakError.toPrecision(3)} mV per tick`,
    );
  return {
    mapping,
    spec,
    network: buildNetwork(
      spec,
      options.budgetBytes !== undefined ? { memoryBudgetBytes: options.budgetBytes } : {},
    ),
    scale,
    thresholdRelativeError,
    leakError,
    delayedSynapses: delayed,
    changes,
  };
}

export interface TrueNorthFormRun {
  readonly form: TrueNorthForm;
  /** The chip's counts while running the form (relays and all). */
  readonly report: HardwareReport;
  /** The engine's counts of the form's run. */
  readonly counts: Counts;
}

/**
 * Converts `net` to TrueNorth form and runs it for `durationMs` with the
 * hardware counter listening. For many samples, build the form once and
 * drive one Simulator over `form.network` with a `createCounter(form.mapping)`
 * listener, resetting between samples (the counter accumulates).
 */
export function runTrueNorthForm(
  net: Network,
  options: TrueNorthFormOptions & {
    durationMs: number;
    listeners?: readonly SpikeListener[];
  },
): TrueNorthFormRun {
  const form = toTrueNorthForm(net, options);
  const counter = createCounter(form.mapping);
  const sim = new Simulator(form.network, { listeners: [counter, ...(options.listeners ?? [])] });
  const ticks = Math.round(options.durationMs / net.dt);
  const r = sim.run(ticks);
  counter.finish(r.ticks);
  return { form, report: hardwareReport(form.mapping, counter), counts: r.counts };
}
