/**
 * Surrogate-gradient training of an SnnNetwork, one batch per `step` so a
 * command can loop synchronously and a worker can yield between batches.
 * Every draw (weights, shuffling, rate-coded spikes) comes from generators
 * derived from the seed: the same seed gives bit-identical weights.
 */
import { encodeTrain } from '../../sim/encode/trains.ts';
import { Tape } from '../ann/graph.ts';
import { Adam } from '../ann/optim/adam.ts';
import type { Optimizer } from '../ann/optim/optimizer.ts';
import { Sgd } from '../ann/optim/sgd.ts';
import { type Tensor, tensor } from '../ann/tensor.ts';
import { SpikelabError } from '../core/errors.ts';
import { Rng } from '../core/rng.ts';
import type { Dataset } from '../data/dataset.ts';
import { readsMembrane, snnLoss, withCountPenalty } from './losses.ts';
import { rowsTensor, type SnnArchitecture, SnnNetwork } from './network.ts';
import { inputKind, type SnnSettings } from './settings.ts';

export function architectureOf(s: SnnSettings, inputs: number, classes: number): SnnArchitecture {
  return {
    inputs,
    hidden: s.hidden,
    classes,
    neuron: s.neuron,
    beta: s.beta,
    alpha: s.alpha,
    threshold: s.threshold,
    reset: s.reset,
    recurrent: s.recurrent,
    readout: s.readout,
    surrogate: { name: s.surrogate, scale: s.slope },
    ticks: s.ticks,
    input: inputKind(s.encoding),
  };
}

/** The network's input for rows of `d`: [B, F] values, or [T·B, F] spike trains. */
export function encodeRows(s: SnnSettings, d: Dataset, rows: ArrayLike<number>, rng: Rng): Tensor {
  if (s.encoding === 'current') {
    const t = rowsTensor(d.x, d.features, rows);
    if (s.gain !== 1) for (let i = 0; i < t.data.length; i++) t.data[i] = t.data[i]! * s.gain;
    return t;
  }
  const B = rows.length;
  const F = d.features;
  const out = new Float32Array(s.ticks * B * F);
  const scratch = new Int32Array(F);
  const p = { encoding: s.encoding, ticks: s.ticks, gain: s.gain, threshold: 0.1 };
  for (let b = 0; b < B; b++) {
    const r = rows[b]!;
    encodeTrain(p, d.x.subarray(r * F, (r + 1) * F), out, B * F, b * F, rng, scratch);
  }
  return tensor(out, [s.ticks * B, F]);
}

/** Class per sample from an output [T·B, C]: summed or last membrane, or spike counts. */
export function predict(
  s: SnnSettings,
  output: Float32Array | Float64Array,
  batch: number,
  classes: number,
): Int32Array {
  const T = s.ticks;
  const score = new Float64Array(batch * classes);
  const from = s.loss === 'ce-membrane-last' ? T - 1 : 0;
  const max = s.loss === 'ce-membrane-max';
  if (max) score.fill(Number.NEGATIVE_INFINITY);
  for (let t = from; t < T; t++)
    for (let k = 0; k < batch * classes; k++) {
      const v = output[t * batch * classes + k]!;
      score[k] = max ? Math.max(score[k]!, v) : score[k]! + v;
    }
  const out = new Int32Array(batch);
  for (let b = 0; b < batch; b++) {
    let best = 0;
    for (let c = 1; c < classes; c++)
      if (score[b * classes + c]! > score[b * classes + best]!) best = c;
    out[b] = best;
  }
  return out;
}

export interface BatchStats {
  loss: number;
  accuracy: number;
  spikesPerSample: number;
}

export interface Evaluation {
  accuracy: number;
  predictions: Int32Array;
  spikesPerSample: number;
  /** Spikes per sample in each spiking layer. */
  layerSpikes: number[];
}

export class SnnTrainer {
  readonly network: SnnNetwork;
  readonly optimizer: Optimizer;
  readonly batchesPerEpoch: number;
  epoch = 0;
  private batchIndex = 0;
  private order: Uint32Array = new Uint32Array(0);
  private readonly tape = new Tape();
  private readonly shuffle: Rng;
  private readonly spikeRng: Rng;

  constructor(
    readonly settings: SnnSettings,
    readonly train: Dataset,
    seed: number,
    network?: SnnNetwork,
  ) {
    const classes = train.classes?.length ?? 0;
    if (train.task !== 'classification' || classes < 2)
      throw new SpikelabError(
        'NOT_APPLICABLE',
        `dataset ${train.name}: a spiking classifier needs classes`,
      );
    const root = new Rng(seed).derive('snn');
    this.network =
      network ??
      new SnnNetwork(architectureOf(settings, train.features, classes), root.derive('init'));
    this.shuffle = root.derive('shuffle');
    this.spikeRng = root.derive('input spikes');
    const params = this.network.params;
    this.optimizer =
      settings.optimizer === 'adam'
        ? new Adam(params, { lr: settings.lr })
        : new Sgd(params, { lr: settings.lr, momentum: 0.9 });
    this.batchesPerEpoch = Math.ceil(train.n / Math.min(settings.batch, train.n));
  }

  get done(): boolean {
    return this.epoch >= this.settings.epochs && this.batchIndex === 0;
  }

  /** Trains on the next batch; returns its stats and where it stands in the epoch. */
  step(): BatchStats & { epoch: number; batch: number; batches: number } {
    const s = this.settings;
    if (this.batchIndex === 0) this.order = this.shuffle.permutation(this.train.n);
    const bs = Math.min(s.batch, this.train.n);
    const start = this.batchIndex * bs;
    const rows = this.order.subarray(start, Math.min(start + bs, this.train.n));
    const B = rows.length;
    const labels = Int32Array.from(rows, (r) => this.train.y[r]!);
    this.tape.reset();
    const membrane = readsMembrane(s.loss);
    const x = encodeRows(s, this.train, rows, this.spikeRng);
    // the hidden rasters are read only by the count penalty (the synapses read the spike lists)
    const pass = this.network.forward(this.tape, x, B, membrane, false, s.countPenalty > 0);
    const hidden = pass.spikes.slice(0, s.hidden.length);
    const base = snnLoss(s.loss, pass.output, labels, s.ticks);
    const loss = withCountPenalty(base, hidden, s.countPenalty, s.ticks, B);
    if (!Number.isFinite(loss.data[0]!))
      throw new SpikelabError(
        'NOT_FINITE',
        `training loss at epoch ${this.epoch + 1}: got ${loss.data[0]}; allowed: a finite number (lower --lr)`,
      );
    this.tape.backward(loss);
    this.optimizer.step();
    const pred = predict(s, pass.output.data, B, this.network.arch.classes);
    let correct = 0;
    for (let b = 0; b < B; b++) if (pred[b] === labels[b]) correct++;
    const stats = {
      loss: base.data[0]!,
      accuracy: correct / B,
      spikesPerSample: pass.spikeCounts.reduce((a, c) => a + c, 0) / B,
      epoch: this.epoch + 1,
      batch: this.batchIndex + 1,
      batches: this.batchesPerEpoch,
    };
    this.batchIndex++;
    if (this.batchIndex === this.batchesPerEpoch) {
      this.batchIndex = 0;
      this.epoch++;
    }
    return stats;
  }
}

/** Accuracy and spike counts of `net` on `d` (no tape), in batches; rate coding draws from `seed`. */
export function evaluateSnn(
  net: SnnNetwork,
  s: SnnSettings,
  d: Dataset,
  seed = 0,
  batch = 256,
): Evaluation {
  const rng = new Rng(seed).derive('snn').derive('evaluation spikes');
  const predictions = new Int32Array(d.n);
  const layerSpikes = new Array<number>(net.arch.hidden.length + 1).fill(0);
  let correct = 0;
  for (let start = 0; start < d.n; start += batch) {
    const rows = Int32Array.from({ length: Math.min(batch, d.n - start) }, (_, i) => start + i);
    const x = encodeRows(s, d, rows, rng);
    const pass = net.forward(null, x, rows.length, readsMembrane(s.loss), false, false);
    const pred = predict(s, pass.output.data, rows.length, net.arch.classes);
    pass.spikeCounts.forEach((c, l) => {
      layerSpikes[l] = layerSpikes[l]! + c;
    });
    for (let i = 0; i < rows.length; i++) {
      predictions[start + i] = pred[i]!;
      if (pred[i] === d.y[start + i]) correct++;
    }
  }
  const perSample = layerSpikes
    .slice(0, net.arch.hidden.length + (net.arch.readout === 'lif' ? 1 : 0))
    .map((v) => v / d.n);
  return {
    accuracy: d.n > 0 ? correct / d.n : 0,
    predictions,
    spikesPerSample: perSample.reduce((a, b) => a + b, 0),
    layerSpikes: perSample,
  };
}
