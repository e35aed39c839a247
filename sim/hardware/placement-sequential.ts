/**
 * Sequential fill: neurons in id order, a new core whenever the next neuron
 * does not fit. The baseline every other strategy is compared against.
 */

import type { CoreFiller } from './core-filler.ts';

export function fillSequential(filler: CoreFiller, neurons: number): void {
  for (let n = 0; n < neurons; n++) {
    if (!filler.fits(n)) filler.addToNewCore(n);
    else filler.add(n);
  }
}
