/**
 * The smallest backprop example: ẑ = x·y with x = 1, y = 2 and target z = 3,
 * J = ½(ẑ − z)². Then J = 0.5 and ∇(x, y) J = (ẑ − z)·(y, x) = (−2, −1).
 *
 *   npx tsx examples/03-tiny-backprop.ts
 */
import { Tape } from '../src/ann/graph.ts';
import { mul, scale, sub } from '../src/ann/ops/arithmetic.ts';
import { scalar } from '../src/ann/tensor.ts';
import { isMain } from './main-module.ts';

export function tinyBackprop(): { j: number; dx: number; dy: number } {
  const tape = new Tape();
  const x = tape.variable(scalar(1));
  const y = tape.variable(scalar(2));
  const z = tape.constant(scalar(3));
  const err = sub(mul(x, y), z);
  const j = scale(mul(err, err), 0.5);
  tape.backward(j);
  return { j: j.data[0]!, dx: tape.grad(x)![0]!, dy: tape.grad(y)![0]! };
}

if (isMain(import.meta.url)) {
  const r = tinyBackprop();
  console.log(`J = ${r.j}, ∂J/∂x = ${r.dx}, ∂J/∂y = ${r.dy}`);
}
