/** Shape checks shared by the ops: each failure names the op and both shapes. */
import { SpikelabError } from '../../core/errors.ts';
import { showShape, type Tensor } from '../tensor.ts';

export function mismatch(op: string, detail: string): SpikelabError {
  return new SpikelabError('SHAPE_MISMATCH', `${op}: ${detail}`);
}

export function expectRank(op: string, t: Tensor, rank: number, which = 'input'): void {
  if (t.shape.length !== rank) {
    throw mismatch(op, `${which} has shape ${showShape(t.shape)}; allowed: rank ${rank}`);
  }
}

/**
 * Broadcasting kept to what networks use: b has a's shape, is a scalar, or
 * has the shape of a's trailing axes, leading 1s aside (a bias row added to
 * every sample).
 * Returns the output shape (a's).
 */
export function broadcastSuffix(op: string, a: Tensor, b: Tensor): readonly number[] {
  const as = a.shape;
  let bs = b.shape;
  if (b.data.length === 1) return as;
  while (bs.length > 0 && bs[0] === 1) bs = bs.slice(1); // [1, n] is the row [n]
  const off = as.length - bs.length;
  if (off >= 0 && bs.every((d, i) => d === as[off + i])) return as;
  throw mismatch(
    op,
    `cannot combine ${showShape(as)} with ${showShape(bs)}; allowed: the same shape, a scalar, or the trailing axes ${showShape(as.slice(1))}`,
  );
}
