/**
 * Reading the class out of the output layer after every tick, and what the
 * per-tick predictions say about time: accuracy after each tick, and the
 * tick from which each sample's prediction no longer changes.
 *
 * - `count` (default): the output neuron with most spikes so far; ties go to
 *   the higher membrane potential (the charge already on its way to the next
 *   spike), then to the lowest class index. Before any output spike this is
 *   the neuron with the most charge, not an arbitrary class.
 * - `membrane`: the highest potential of a non-spiking integrator fed the
 *   same input, spikes × (θ − v_reset) + v (with reset by subtraction and no
 *   leak nothing is lost in between), ties to the lowest index.
 *
 * A one-output network (binary cross-entropy) predicts class 1 when its neuron
 * has spiked or has a positive potential (`count`), or when the integrated
 * charge is positive (`membrane`).
 */
export const READOUTS = ['count', 'membrane'] as const;
export type ReadoutName = (typeof READOUTS)[number];

/** How ties are broken, in words for the report. */
export const COUNT_TIES =
  'most output spikes; ties to the higher membrane potential, then to the lower class index';
export const MEMBRANE_TIES =
  'highest spikes × (θ − v_reset) + v (the potential of a non-spiking integrator); ties to the lower class index';

/** Class predicted from output spike counts and potentials (see the module comment). */
export function readClass(
  readout: ReadoutName,
  counts: ArrayLike<number>,
  v: ArrayLike<number>,
  n: number,
  step: number,
): number {
  if (n === 1) {
    if (readout === 'membrane') return counts[0]! * step + v[0]! > 0 ? 1 : 0;
    return counts[0]! > 0 || v[0]! > 0 ? 1 : 0;
  }
  let best = 0;
  if (readout === 'membrane') {
    let top = counts[0]! * step + v[0]!;
    for (let j = 1; j < n; j++) {
      const s = counts[j]! * step + v[j]!;
      if (s > top) {
        top = s;
        best = j;
      }
    }
    return best;
  }
  for (let j = 1; j < n; j++) {
    const c = counts[j]!;
    const b = counts[best]!;
    if (c > b || (c === b && v[j]! > v[best]!)) best = j;
  }
  return best;
}

/** Accumulates per-tick accuracy and settling ticks over samples. */
export class ReadoutTracker {
  /** Correct predictions after tick t + 1, summed over samples. */
  readonly correctByTick: Float64Array;
  /** Final prediction per sample. */
  readonly predictions: Int32Array;
  /** Per sample: first tick (1-based) from which the prediction equals the final one. */
  readonly settleTicks: Int32Array;
  private label = 0;
  private current = -1;
  private since = 1;
  private sample = -1;

  constructor(
    readonly timesteps: number,
    samples: number,
    private readonly readout: ReadoutName,
    private readonly outputs: number,
    private readonly step: number,
  ) {
    this.correctByTick = new Float64Array(timesteps);
    this.predictions = new Int32Array(samples);
    this.settleTicks = new Int32Array(samples);
  }

  begin(sample: number, label: number): void {
    this.sample = sample;
    this.label = label;
    this.current = -1;
    this.since = 1;
  }

  /** After tick t (0-based) of the current sample. */
  tick(t: number, counts: ArrayLike<number>, v: ArrayLike<number>): void {
    const pred = readClass(this.readout, counts, v, this.outputs, this.step);
    if (pred !== this.current) {
      this.current = pred;
      this.since = t + 1;
    }
    if (pred === this.label) this.correctByTick[t]!++;
  }

  end(): void {
    this.predictions[this.sample] = this.current;
    this.settleTicks[this.sample] = this.since;
  }
}
