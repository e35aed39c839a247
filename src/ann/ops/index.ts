/** Every op of the rate engine; importing this module registers them all. */
export { add, mul, scale, sub } from './arithmetic.ts';
export { dense } from './dense.ts';
export { dropout } from './dropout.ts';
export { matmul, reshape, transpose } from './matmul.ts';
export { maxout } from './maxout.ts';
export {
  abs,
  activation,
  exp,
  identity,
  leakyRelu,
  log,
  relu,
  sigmoid,
  softplus,
  tanh,
} from './pointwise.ts';
export { rbf } from './rbf.ts';
export { type Axis, mean, sum } from './reduce.ts';
export { logSoftmax, softmax } from './softmax.ts';
