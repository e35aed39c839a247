/**
 * A trained spiking network as an engine network (`sim/`), and the engine
 * run of samples through it. The populations are the layers (`LIF`,
 * `CubaLIF`; the readout `LI` / `CubaLI` or `LIF`), every projection has one
 * tick of delay, the first layer's current x·W + b of a current-coded
 * sample is its iOffset, the later layers' biases are theirs, and spike
 * trains enter from a SpikeSourceArray (delay 1, as in training). The
 * trainer's tick t is the engine's tick t: a run lasts `ticks` ticks and the
 * output is read in every one of them, as the training loss reads it.
 */

import { trainTicks } from '../../sim/encode/trains.ts';
import { SpikeMonitor } from '../../sim/engine/monitors.ts';
import { Simulator } from '../../sim/engine/simulator.ts';
import { buildNetwork } from '../../sim/network/build.ts';
import type { NetworkSpec, PopulationSpec, ProjectionSpec } from '../../sim/network/spec.ts';
import { constant } from '../ann/graph.ts';
import { Rng } from '../core/rng.ts';
import type { Dataset } from '../data/dataset.ts';
import type { SnnNetwork } from './network.ts';
import type { SnnSettings } from './settings.ts';
import { sparseDense } from './synapse-op.ts';
import { encodeRows, predict } from './trainer.ts';

export const layerLabel = (l: number, layers: number): string =>
  l === layers - 1 ? 'output' : `hidden${l}`;

/** The engine network; `inputTicks` gives the spike ticks of each input for spike-coded input. */
export function engineSpec(net: SnnNetwork, inputTicks?: number[][]): NetworkSpec {
  const a = net.arch;
  const L = net.layers.length;
  const sizes = net.sizes;
  const populations: PopulationSpec[] = [];
  const projections: ProjectionSpec[] = [];
  if (a.input === 'spikes')
    populations.push({
      label: 'input',
      size: a.inputs,
      model: 'SpikeSourceArray',
      params: { spikeTimes: inputTicks ?? [] },
    } as PopulationSpec);
  net.layers.forEach((layer, l) => {
    const d = net.dynamics(l, false);
    const cuba = d.alpha !== null;
    const model = d.spiking ? (cuba ? 'CubaLIF' : 'LIF') : cuba ? 'CubaLI' : 'LI';
    const params: Record<string, number> = { beta: d.beta };
    if (cuba) params.alpha = d.alpha!;
    if (d.spiking) {
      params.vThreshold = d.threshold;
      params.vReset = 0;
      params.resetBySubtraction = d.subtract ? 1 : 0;
    }
    const label = layerLabel(l, L);
    const first = l === 0 && a.input === 'current';
    populations.push({
      label,
      size: sizes[l + 1]!,
      model,
      params,
      iOffset: first ? new Float32Array(sizes[1]!) : Float32Array.from(layer.bias.value.data),
    });
    if (!first) {
      projections.push({
        label: `${l === 0 ? 'input' : layerLabel(l - 1, L)}→${label}`,
        pre: l === 0 ? 'input' : layerLabel(l - 1, L),
        post: label,
        connector: { type: 'fromMatrix', weights: Float32Array.from(layer.weights.value.data) },
        delay: 1,
        receptor: 'excitatory',
      });
    }
    if (layer.recurrent)
      projections.push({
        label: `${label}↺`,
        pre: label,
        post: label,
        connector: { type: 'fromMatrix', weights: Float32Array.from(layer.recurrent.value.data) },
        delay: 1,
        receptor: 'excitatory',
      });
  });
  return { schemaVersion: 1, dt: 1, seed: 0, populations, projections };
}

export interface EngineSample {
  prediction: number;
  /** Per spiking layer, the (tick · N + neuron) of each spike, in the engine's order. */
  spikes: number[][];
  /** Output membrane (or spikes) per tick, [ticks · C]. */
  output: Float32Array;
}

/** Runs samples `rows` of `d` through the engine, one sample after the other. */
export function runInEngine(
  net: SnnNetwork,
  s: SnnSettings,
  d: Dataset,
  rows: ArrayLike<number>,
  seed = 0,
): EngineSample[] {
  const a = net.arch;
  const T = a.ticks;
  const L = net.layers.length;
  const C = a.classes;
  const readMembrane = s.loss.startsWith('ce-membrane') || a.readout === 'li';
  const rng = new Rng(seed).derive('snn').derive('evaluation spikes');
  const results: EngineSample[] = [];
  let sim: Simulator | null = null;
  let offsets: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const x = encodeRows(s, d, [rows[i]!], rng);
    if (a.input === 'spikes' || sim === null) {
      const ticks = a.input === 'spikes' ? trainTicks(x.data, T, a.inputs, 0, a.inputs) : undefined;
      const network = buildNetwork(engineSpec(net, ticks));
      offsets = network.populations.map((p) => p.offset);
      sim = new Simulator(network);
    } else sim.reset();
    if (a.input === 'current') {
      const w = net.layers[0]!;
      const cur = sparseDense(constant(x), constant(w.weights.value), constant(w.bias.value)).data;
      sim.setIOffset('hidden0', cur);
    }
    const mon = new SpikeMonitor(1);
    sim.addListener(mon);
    const output = new Float32Array(T * C);
    const out = sim.populationState('output').vars[0]!;
    const outOffset = offsets[offsets.length - 1]!;
    const reader = {
      onSpikes(tick: number, ids: Uint32Array, count: number) {
        if (readMembrane) output.set(out.subarray(0, C), tick * C);
        else
          for (let k = 0; k < count; k++)
            if (ids[k]! >= outOffset) output[tick * C + ids[k]! - outOffset] = 1;
      },
    };
    sim.addListener(reader);
    sim.run(T);
    sim.removeListener(reader);
    sim.removeListener(mon);
    const rec = mon.record();
    const first = a.input === 'spikes' ? 1 : 0;
    const spikes: number[][] = Array.from({ length: L }, () => []);
    for (let k = 0; k < rec.ids.length; k++) {
      const id = rec.ids[k]!;
      for (let l = L - 1; l >= 0; l--) {
        const o = offsets[first + l]!;
        if (id >= o) {
          spikes[l]!.push(rec.ticks[k]! * net.sizes[l + 1]! + id - o);
          break;
        }
      }
    }
    const readout = net.arch.readout === 'lif' ? spikes : spikes.slice(0, L - 1);
    results.push({ prediction: predict(s, output, 1, C)[0]!, spikes: readout, output });
  }
  return results;
}

/** The same spikes from the trainer's forward pass: per spiking layer, tick · N + neuron, ascending. */
export function trainerSpikes(
  net: SnnNetwork,
  s: SnnSettings,
  d: Dataset,
  row: number,
  seed = 0,
): number[][] {
  const rng = new Rng(seed).derive('snn').derive('evaluation spikes');
  const pass = net.forward(null, encodeRows(s, d, [row], rng), 1, s.loss.startsWith('ce-membrane'));
  return pass.hardSpikes.map((h) => {
    const out: number[] = [];
    for (let k = 0; k < h.length; k++) if (h[k] === 1) out.push(k);
    return out;
  });
}
