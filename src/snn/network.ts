/**
 * A feed-forward (optionally recurrent) spiking network for classification:
 * input → hidden layers of LIF or CubaLIF neurons → an output layer of
 * leaky integrators (or LIF neurons for the count losses), every layer the
 * engine's dynamics (neuron-op.ts) and every projection one tick of delay
 * (synapse-op.ts), so the network trained here runs unchanged in `sim/`.
 *
 * Input comes as a current (the sample's values, the same every tick: the
 * first layer's input is x·W + b as a constant iOffset, snnTorch tutorial
 * 5's direct input) or as spike trains (rows t·B + b), which reach the
 * first layer one tick late like any projection.
 */

import { constant, Param, type Tape, type Var } from '../ann/graph.ts';
import { type Tensor, tensor, zeros } from '../ann/tensor.ts';
import type { Rng } from '../core/rng.ts';
import { type NeuronDynamics, neurons } from './neuron-op.ts';
import type { Surrogate } from './surrogate.ts';
import { sparseDense, synapses } from './synapse-op.ts';

export const NEURONS = ['lif', 'cubalif'] as const;
export type NeuronKind = (typeof NEURONS)[number];
export const READOUTS = ['li', 'lif'] as const;
export type Readout = (typeof READOUTS)[number];
export const INPUT_KINDS = ['current', 'spikes'] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

export interface SnnArchitecture {
  readonly inputs: number;
  readonly hidden: readonly number[];
  readonly classes: number;
  readonly neuron: NeuronKind;
  /** Membrane decay per tick. */
  readonly beta: number;
  /** Synaptic decay per tick (cubalif). */
  readonly alpha: number;
  readonly threshold: number;
  readonly reset: 'subtract' | 'zero';
  readonly recurrent: boolean;
  readonly readout: Readout;
  readonly surrogate: Surrogate;
  readonly ticks: number;
  readonly input: InputKind;
}

export interface SnnLayer {
  readonly weights: Param;
  readonly bias: Param;
  readonly recurrent: Param | null;
}

/** What one forward pass returns. */
export interface SnnPass {
  /** Output [T·B, C]: membrane (li readout, or lif read by membrane) or spikes. */
  readonly output: Var;
  /** Spikes (0/1) per spiking layer with a raster, [T·B, N] each, hidden layers first. */
  readonly spikes: Var[];
  /** Hard spikes per spiking layer (equal to `spikes` except in smooth mode). */
  readonly hardSpikes: Float32Array[] | Float64Array[];
  /** The number of hard spikes in each spiking layer (with a raster or not). */
  readonly spikeCounts: number[];
}

/** PyTorch's nn.Linear default: weights and bias uniform in ±1/√fan-in. */
function linear(inputs: number, outputs: number, rng: Rng, name: string): [Param, Param] {
  const bound = 1 / Math.sqrt(inputs);
  const w = new Param(`${name}.weights`, zeros([inputs, outputs]));
  const b = new Param(`${name}.bias`, zeros([outputs]));
  for (let i = 0; i < w.size; i++) w.value.data[i] = rng.range(-bound, bound);
  for (let i = 0; i < b.size; i++) b.value.data[i] = rng.range(-bound, bound);
  return [w, b];
}

export class SnnNetwork {
  readonly layers: SnnLayer[];

  constructor(
    readonly arch: SnnArchitecture,
    rngOrLayers: Rng | SnnLayer[],
  ) {
    if (Array.isArray(rngOrLayers)) {
      this.layers = rngOrLayers;
      return;
    }
    const rng = rngOrLayers;
    const sizes = [arch.inputs, ...arch.hidden, arch.classes];
    this.layers = [];
    for (let l = 0; l + 1 < sizes.length; l++) {
      const [weights, bias] = linear(sizes[l]!, sizes[l + 1]!, rng, `layer${l}`);
      const hidden = l + 2 < sizes.length;
      let recurrent: Param | null = null;
      if (arch.recurrent && hidden) {
        const n = sizes[l + 1]!;
        recurrent = new Param(`layer${l}.recurrent`, zeros([n, n]));
        const bound = 1 / Math.sqrt(n);
        for (let i = 0; i < recurrent.size; i++) recurrent.value.data[i] = rng.range(-bound, bound);
      }
      this.layers.push({ weights, bias, recurrent });
    }
  }

  get params(): Param[] {
    return this.layers.flatMap((l) => [l.weights, l.bias, ...(l.recurrent ? [l.recurrent] : [])]);
  }

  get sizes(): number[] {
    return [this.arch.inputs, ...this.arch.hidden, this.arch.classes];
  }

  dynamics(
    layer: number,
    readsMembrane: boolean,
  ): NeuronDynamics & { emit: 'spikes' | 'membrane' } {
    const a = this.arch;
    const output = layer === this.layers.length - 1;
    const spiking = !output || a.readout === 'lif';
    return {
      beta: a.beta,
      alpha: a.neuron === 'cubalif' ? a.alpha : null,
      spiking,
      threshold: a.threshold,
      subtract: a.reset === 'subtract',
      surrogate: a.surrogate,
      emit: output && (readsMembrane || !spiking) ? 'membrane' : 'spikes',
    };
  }

  /**
   * One pass over a batch: `x` is [B, F] for current input or [T·B, F]
   * spike trains. On a tape it records for backprop; without one it infers.
   * `rasters` false: hidden layers whose spikes the next layer reads as a
   * list write no 0/1 raster (they are missing from `spikes` and
   * `hardSpikes`; their counts stay).
   */
  forward(
    tape: Tape | null,
    x: Tensor,
    batch: number,
    readsMembrane: boolean,
    smooth = false,
    rasters = true,
  ): SnnPass {
    const T = this.arch.ticks;
    const p = (q: Param) => (tape ? tape.param(q) : constant(q.value));
    const input = tape ? tape.constant(x) : constant(x);
    const spikes: Var[] = [];
    const hard: (Float32Array | Float64Array)[] = [];
    const counts: number[] = [];
    let h = input;
    let output: Var | null = null;
    this.layers.forEach((layer, l) => {
      const first = l === 0 && this.arch.input === 'current';
      const z = first
        ? sparseDense(h, p(layer.weights), p(layer.bias))
        : synapses(h, p(layer.weights), p(layer.bias), T, batch);
      const d = this.dynamics(l, readsMembrane);
      const record = { spikes: null as Float32Array | Float64Array | null, count: 0 };
      const y = neurons(z, layer.recurrent ? p(layer.recurrent) : null, {
        ...d,
        ticks: T,
        batch,
        static: first,
        smooth,
        record,
        raster: rasters || l === this.layers.length - 1,
      });
      if (d.spiking) counts.push(record.count);
      if (record.spikes) hard.push(record.spikes);
      const noRaster = d.spiking && record.spikes === null;
      if (d.emit === 'spikes' && !noRaster) spikes.push(y);
      if (l === this.layers.length - 1) output = y;
      h = y;
    });
    return { output: output!, spikes, hardSpikes: hard as Float32Array[], spikeCounts: counts };
  }
}

/** A [B, F] tensor of rows of a feature matrix. */
export function rowsTensor(x: Float32Array, features: number, rows: ArrayLike<number>): Tensor {
  const out = new Float32Array(rows.length * features);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    out.set(x.subarray(r * features, (r + 1) * features), i * features);
  }
  return tensor(out, [rows.length, features]);
}
