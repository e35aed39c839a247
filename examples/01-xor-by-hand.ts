/**
 * The XOR network of Goodfellow, Bengio & Courville (2016, §6.1), built by hand:
 * f(x) = wᵀ max(0, Wᵀx + c) + b with W = [[1,1],[1,1]], c = [0,−1], w = [1,−2], b = 0.
 * It outputs exactly [0, 1, 1, 0] on the four corners.
 *
 *   npx tsx examples/01-xor-by-hand.ts
 */

import { Dense } from '../src/ann/layers/dense.ts';
import { Sequential } from '../src/ann/model.ts';
import { fromRows } from '../src/ann/tensor.ts';
import { Rng } from '../src/core/rng.ts';
import { isMain } from './main-module.ts';

export function xorByHand(): number[] {
  const hidden = new Dense(2, 2, 'relu', new Rng(0));
  hidden.weights.value.data.set([1, 1, 1, 1]); // W (2×2, row-major: W[i][j] from input i to unit j)
  hidden.bias.value.data.set([0, -1]); // c
  const out = new Dense(2, 1, 'identity', new Rng(0));
  out.weights.value.data.set([1, -2]); // w
  out.bias.value.data.set([0]); // b
  const model = new Sequential([hidden, out]);
  return Array.from(
    model.predict(
      fromRows([
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ]),
    ).data,
  );
}

if (isMain(import.meta.url)) {
  console.log('f(x) on (0,0), (0,1), (1,0), (1,1):', xorByHand().join(', '));
}
