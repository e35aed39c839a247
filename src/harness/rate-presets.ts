/**
 * Default network and training settings per built-in data set: what
 * `spikelab train --dataset X` runs without further flags. Each was chosen to
 * pass its accuracy floor in a short run (test accuracy measured at seed 0,
 * see the tests and examples/08-accuracy.ts):
 *   digits ≥ 97 %: 97.8 % (97.5–99.4 % over seeds 0–7), a few seconds;
 *   iris ≥ 93 %: 96.7 % (mean 95.7 % over seeds 0–9; 30 test flowers);
 *   mnist ≥ 95 %: 95.9 % (95.5–95.9 % over seeds 0–2; dropout 0.4 is worth
 *     ~0.4 points on 8,000 training images), under a minute;
 *   mnist-full ≥ 98 %: 98.5 %, about two minutes.
 */
import type { Activation } from '../ann/kernels/activation.ts';
import type { DatasetName } from '../data/names.ts';

export const LOSS_NAMES = ['softmax-ce', 'bce', 'mse', 'mdn'] as const;
export type LossName = (typeof LOSS_NAMES)[number];
export const OPTIMIZER_NAMES = ['sgd', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

export interface RateSettings {
  hidden: number[];
  activation: Activation;
  loss: LossName;
  /** Mixture components of an MDN loss. */
  components: number;
  optimizer: OptimizerName;
  epochs: number;
  batch: number;
  lr: number;
  /** SGD momentum. */
  momentum: number;
  weightDecay: number;
  /** Dropout rate after each hidden layer. */
  dropout: number;
  lrSchedule: 'constant' | 'cosine';
  /** z-score the features with training-set statistics. */
  standardize: boolean;
}

const base: RateSettings = {
  hidden: [128],
  activation: 'relu',
  loss: 'softmax-ce',
  components: 4,
  optimizer: 'adam',
  epochs: 20,
  batch: 64,
  lr: 1e-3,
  momentum: 0.9,
  weightDecay: 0,
  dropout: 0,
  lrSchedule: 'cosine',
  standardize: false,
};

export const RATE_PRESETS: Record<DatasetName, RateSettings> = {
  xor: {
    ...base,
    hidden: [16],
    loss: 'bce',
    epochs: 300,
    batch: 4,
    lr: 0.03,
    lrSchedule: 'constant',
  },
  moons: {
    ...base,
    hidden: [16, 16],
    loss: 'bce',
    epochs: 200,
    batch: 32,
    lr: 0.01,
    standardize: true,
  },
  iris: { ...base, hidden: [16], epochs: 200, batch: 16, lr: 0.01, standardize: true },
  digits: { ...base, hidden: [256], epochs: 40, batch: 32, lr: 2e-3 },
  mnist: { ...base, hidden: [512], dropout: 0.4, epochs: 30, batch: 64, lr: 1e-3 },
  'mnist-full': { ...base, hidden: [512, 256], epochs: 12, batch: 128, lr: 1e-3 },
  // the paper's reference network, 4-30-3
  yinyang: { ...base, hidden: [30], epochs: 100, batch: 32, lr: 2e-3 },
  // an MLP reads the spike ticks as values (the information a rate code would lose)
  randman: { ...base, hidden: [128], epochs: 60, batch: 64, lr: 1e-3, standardize: true },
  dogs: {
    ...base,
    hidden: [32, 32],
    activation: 'tanh',
    loss: 'mdn',
    epochs: 200,
    batch: 64,
    lr: 0.01,
    standardize: true,
  },
};
