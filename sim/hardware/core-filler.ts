/**
 * Fills cores one at a time while respecting every per-core capacity: neurons
 * per core, distinct axons per core (a neuron's inputs that the core does not
 * already receive), one population per core where the platform requires it.
 * Both placement strategies drive it; they differ only in which neuron they
 * offer next.
 */

import { SpikelabError } from '../../src/core/errors.ts';
import type { Connectivity } from './connectivity.ts';
import { describePopulation, type NetworkShape } from './network-shape.ts';
import type { Platform } from './platform.ts';

export class CoreFiller {
  /** Logical core of each neuron, −1 while unplaced. */
  readonly coreOf: Int32Array;
  readonly neuronsOnCore: number[] = [];
  readonly axonsOnCore: number[] = [];
  private current = -1;
  private neuronsHere = 0;
  private axonsHere = 0;
  private populationHere = -1;
  /** keyCore[key] = core + 1 when the current core already receives that axon. */
  private readonly keyCore: Int32Array;
  /** Dedupes a neuron's own inputs while counting its new axons. */
  private readonly keySeen: Int32Array;
  private token = 0;
  private readonly delaySlots: number;
  private readonly neuronCap: number;
  private readonly axonCap: number;

  constructor(
    private readonly net: NetworkShape,
    private readonly conn: Connectivity,
    private readonly platform: Platform,
    /** Neurons per core, at most the platform's (lowered to fit fan-out limits). */
    neuronCap = platform.capacity.neuronsPerCore,
  ) {
    const c = platform.capacity;
    this.coreOf = new Int32Array(conn.neurons).fill(-1);
    this.delaySlots = c.axonKey === 'neuron-delay' ? (c.maxDelayTicks ?? 0) + 1 : 1;
    this.keyCore = new Int32Array(conn.neurons * this.delaySlots);
    this.keySeen = new Int32Array(conn.neurons * this.delaySlots);
    this.neuronCap = Math.min(neuronCap, c.neuronsPerCore);
    this.axonCap = c.axonsPerCore ?? Number.POSITIVE_INFINITY;
  }

  get cores(): number {
    return this.current + 1;
  }

  /** True while the current core holds nothing. */
  get coreEmpty(): boolean {
    return this.neuronsHere === 0;
  }

  get corePopulation(): number {
    return this.populationHere;
  }

  private key(source: number, delay: number): number {
    return this.delaySlots === 1 ? source : source * this.delaySlots + delay;
  }

  /** Axons the neuron would add to the current core. */
  private newAxons(n: number): number {
    const c = this.conn;
    const tok = ++this.token;
    const core1 = this.current + 1;
    let extra = 0;
    for (let e = c.inStart[n]!; e < c.inStart[n + 1]!; e++) {
      const k = this.key(c.inSource[e]!, c.inDelay[e]!);
      if (this.keySeen[k] === tok) continue;
      this.keySeen[k] = tok;
      if (this.keyCore[k] !== core1) extra++;
    }
    return extra;
  }

  /** The cheap checks: room for a neuron, and its population allowed here. */
  admits(n: number): boolean {
    if (this.current < 0 || this.neuronsHere >= this.neuronCap) return false;
    return !(
      this.platform.capacity.onePopulationPerCore &&
      this.neuronsHere > 0 &&
      this.conn.populationOf[n] !== this.populationHere
    );
  }

  /** Whether neuron n fits on the current core (the axon count costs n's fan-in). */
  fits(n: number): boolean {
    return this.admits(n) && this.axonsHere + this.newAxons(n) <= this.axonCap;
  }

  openCore(): void {
    this.current++;
    this.neuronsHere = 0;
    this.axonsHere = 0;
    this.populationHere = -1;
    this.neuronsOnCore.push(0);
    this.axonsOnCore.push(0);
  }

  /** Places n on the current core; call only after `fits(n)` (or on an empty core). */
  add(n: number): void {
    const c = this.conn;
    const core1 = this.current + 1;
    for (let e = c.inStart[n]!; e < c.inStart[n + 1]!; e++) {
      const k = this.key(c.inSource[e]!, c.inDelay[e]!);
      if (this.keyCore[k] !== core1) {
        this.keyCore[k] = core1;
        this.axonsHere++;
      }
    }
    this.coreOf[n] = this.current;
    this.neuronsHere++;
    this.populationHere = c.populationOf[n]!;
    this.neuronsOnCore[this.current] = this.neuronsHere;
    this.axonsOnCore[this.current] = this.axonsHere;
  }

  /** Places n on a fresh core, or explains why no core can ever hold it. */
  addToNewCore(n: number): void {
    this.openCore();
    if (!this.fits(n)) {
      // Alone on an empty core and still too many axons: no placement can help.
      const pop = this.conn.populationOf[n]!;
      const local = n - this.net.populations[pop]!.offset;
      const need = this.newAxons(n);
      const key =
        this.platform.capacity.axonKey === 'neuron-delay'
          ? 'distinct (source, delay) inputs'
          : 'distinct presynaptic neurons';
      throw new SpikelabError(
        'CONSTRAINT_VIOLATION',
        `${this.platform.name}: neuron ${local} of ${describePopulation(this.net, pop)} needs ${need} axons (${key}) on its core; allowed: at most ${this.axonCap} axons per core. Reduce its fan-in${this.feedingProjections(n)}.`,
      );
    }
    this.add(n);
  }

  private feedingProjections(n: number): string {
    const c = this.conn;
    const ks = new Set<number>();
    for (let e = c.inStart[n]!; e < c.inStart[n + 1]!; e++) ks.add(c.inProjection[e]!);
    return ks.size === 0
      ? ''
      : ` (fed by projection${ks.size > 1 ? 's' : ''} #${[...ks].join(', #')})`;
  }
}
