/**
 * Everything that defines a directly trained spiking network and its
 * training, with per-data-set defaults. τ → β uses the exact decay
 * β = e^(−dt/τ), as snnTorch and the engine's discrete neurons assume.
 */
import { TRAIN_ENCODINGS, type TrainEncoding } from '../../sim/encode/trains.ts';
import type { SnnLoss } from './losses.ts';
import type { InputKind, NeuronKind, Readout } from './network.ts';
import type { SurrogateName } from './surrogate.ts';

export const SNN_ENCODINGS = ['current', ...TRAIN_ENCODINGS] as const;
export type SnnEncoding = 'current' | TrainEncoding;
export const SNN_OPTIMIZERS = ['adam', 'sgd'] as const;

export interface SnnSettings {
  hidden: number[];
  neuron: NeuronKind;
  beta: number;
  alpha: number;
  threshold: number;
  reset: 'subtract' | 'zero';
  recurrent: boolean;
  readout: Readout;
  surrogate: SurrogateName;
  /** fast-sigmoid's slope or ATan's α. */
  slope: number;
  ticks: number;
  encoding: SnnEncoding;
  /** Multiplies the input values before encoding. */
  gain: number;
  loss: SnnLoss;
  /** λ of the spike-count penalty on the hidden layers. */
  countPenalty: number;
  optimizer: 'adam' | 'sgd';
  lr: number;
  epochs: number;
  batch: number;
}

/** β = e^(−dt/τ). */
export const decay = (dtMs: number, tauMs: number): number => Math.exp(-dtMs / tauMs);

export const inputKind = (e: SnnEncoding): InputKind => (e === 'current' ? 'current' : 'spikes');

const tutorial5: SnnSettings = {
  hidden: [1000],
  neuron: 'lif',
  beta: 0.95,
  alpha: 0,
  threshold: 1,
  reset: 'subtract',
  recurrent: false,
  readout: 'lif',
  surrogate: 'atan',
  slope: 2,
  ticks: 25,
  encoding: 'current',
  gain: 1,
  loss: 'ce-membrane-sum',
  countPenalty: 0,
  optimizer: 'adam',
  lr: 5e-4,
  epochs: 1,
  batch: 128,
};

/**
 * The Zenke lab's stork Randman example: 128 hidden CubaLIF units with
 * τ_mem 20 ms and τ_syn 10 ms at dt 2 ms, SuperSpike (fast sigmoid) β = 20,
 * 100 steps.
 */
const randman: SnnSettings = {
  ...tutorial5,
  hidden: [128],
  neuron: 'cubalif',
  beta: decay(2, 20),
  alpha: decay(2, 10),
  readout: 'li',
  surrogate: 'fast-sigmoid',
  slope: 20,
  ticks: 100,
  encoding: 'events',
  loss: 'ce-membrane-sum',
  lr: 5e-3,
  epochs: 25,
  batch: 64,
};

export const SNN_PRESETS: Record<string, SnnSettings> = {
  'mnist-full': tutorial5,
  mnist: { ...tutorial5, hidden: [500], epochs: 20 },
  digits: { ...tutorial5, hidden: [256], readout: 'li', lr: 2e-3, epochs: 30, batch: 32 },
  yinyang: {
    ...tutorial5,
    hidden: [120],
    beta: 0.9,
    readout: 'li',
    lr: 3e-3,
    epochs: 40,
    batch: 32,
  },
  randman,
  iris: { ...tutorial5, hidden: [32], readout: 'li', lr: 5e-3, epochs: 100, batch: 16 },
  moons: { ...tutorial5, hidden: [32], readout: 'li', lr: 5e-3, epochs: 100, batch: 32 },
};

export function snnDefaults(dataset: string): SnnSettings {
  return { ...(SNN_PRESETS[dataset] ?? SNN_PRESETS.digits!) };
}
