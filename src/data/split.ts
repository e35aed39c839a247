/**
 * Stratified train/test split. The test set takes round(n·fraction) samples;
 * each class contributes its share, rounded by largest remainder so the
 * total is exact (10 classes of ~1,000 give exactly 2,000 test samples at
 * 0.2). Which members of a class go to test is drawn from the generator.
 * Both index lists come back sorted.
 */
import { SpikelabError } from '../core/errors.ts';
import type { Rng } from '../core/rng.ts';

export function stratifiedSplit(
  labels: ArrayLike<number>,
  testFraction: number,
  rng: Rng,
): { train: Int32Array; test: Int32Array } {
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new SpikelabError(
      'INVALID_ARGUMENT',
      `testFraction: got ${testFraction}; allowed: a number in (0, 1)`,
    );
  }
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    let members = byClass.get(c);
    if (!members) byClass.set(c, (members = []));
    members.push(i);
  }
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  const total = Math.round(labels.length * testFraction);
  const quota = classes.map((c) => byClass.get(c)!.length * testFraction);
  const take = quota.map(Math.floor);
  let missing = total - take.reduce((s, v) => s + v, 0);
  const order = classes
    .map((_, k) => k)
    .sort((a, b) => quota[b]! - take[b]! - (quota[a]! - take[a]!) || a - b);
  for (const k of order) {
    if (missing <= 0) break;
    take[k]!++;
    missing--;
  }
  const test: number[] = [];
  const train: number[] = [];
  classes.forEach((c, k) => {
    const members = rng.shuffle(byClass.get(c)!.slice());
    test.push(...members.slice(0, take[k]));
    train.push(...members.slice(take[k]));
  });
  const sorted = (a: number[]) => Int32Array.from(a).sort();
  return { train: sorted(train), test: sorted(test) };
}
