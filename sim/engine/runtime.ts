/**
 * Per-population dynamic state of a simulation, laid out in one arena:
 * neuron state arrays, refractory counters, per-neuron currents, input ring
 * buffers (slot-major: slot s of input i at s·stride + i, the stride the
 * slot's width rounded up to 4 so every slot starts on a 16-byte SIMD vector;
 * with several input channels, channel c of neuron i is input i·C + c) and
 * source state.
 *
 * Direct input: a population whose synaptic variables take input after the
 * threshold test (NeuronModel.inputVars) and whose every input arrives with
 * a one-tick delay needs no ring buffer. The engine adds the spikes of tick t
 * to those variables right after the update of tick t + 1 — when the update
 * would have added the ring-buffer slot — so the kernel reads one slot that
 * stays zero (the WebAssembly kernel reads none). Same dynamics; the weights
 * arriving in one tick are added to the variable one by one instead of being
 * summed first.
 */
import { PoissonSampler } from '../../src/core/distributions.ts';
import type { Rng } from '../../src/core/rng.ts';
import type {
  ArraySourcePopulation,
  Network,
  NeuronPopulation,
  PoissonSourcePopulation,
} from '../network/network.ts';
import type { NeuronState, Receptor } from '../neurons/types.ts';
import type { Arena, ArenaPlan } from './arena.ts';

/**
 * Neurons per stream of the external Poisson drive. Each block of a
 * population draws from its own generator (derived from the population's
 * and the block's index), so a population split over threads at block
 * boundaries draws exactly the numbers it draws whole.
 */
export const DRIVE_BLOCK = 256;

function nextPowerOfTwo(x: number): number {
  let p = 1;
  while (p < x) p *= 2;
  return p;
}

/** Where deliveries add their weights: slot (tick + delay) & mask of `buffer`, slots `stride` floats apart. */
export interface InputTarget {
  buffer: Float32Array;
  mask: number;
  stride: number;
}

export class NeuronRuntime {
  state!: NeuronState;
  /** The iOffset set by the user (persists through reset); state.iOffset adds step currents to it. */
  iOffsetBase!: Float32Array;
  bufE!: Float32Array;
  bufI!: Float32Array;
  /** Views of each slot of the ring buffers (length n), made once: slotsE[tick & mask]. */
  slotsE: Float32Array[] = [];
  slotsI: Float32Array[] = [];
  readonly consts: Float64Array;
  readonly slots: number;
  readonly mask: number;
  /** Values per ring-buffer slot: n × the model's input channels. */
  readonly inputWidth: number;
  /** Floats from one ring-buffer slot to the next: inputWidth rounded up to a multiple of 4. */
  readonly slotStride: number;
  readonly samplers: PoissonSampler[];
  rng: Rng | null = null;
  /** The drive's generators, one per DRIVE_BLOCK neurons (replaced at every reset). */
  driveRngs: Rng[] = [];
  /** Index in the whole population of this runtime's first neuron (a thread's share starts at a block boundary). */
  readonly sliceStart: number;
  stepPointer = 0;
  private readonly slotsPlan: number[] = [];

  constructor(
    readonly pop: NeuronPopulation,
    readonly index: number,
    maxDelay: number,
    plan: ArenaPlan,
    /** Direct input (see above): one input slot, always zero. */
    readonly direct = false,
  ) {
    this.consts = pop.consts;
    this.sliceStart = pop.sliceStart ?? 0;
    if (this.sliceStart % DRIVE_BLOCK !== 0)
      throw new RangeError(`${pop.label}: a share must start at a multiple of ${DRIVE_BLOCK}`);
    // slots > max delay, so a delivery never lands in the slot being read
    this.slots = direct ? 1 : nextPowerOfTwo(maxDelay + 1);
    this.mask = this.slots - 1;
    this.samplers = pop.poissonInput.map((p) => new PoissonSampler(p.lambda));
    const n = pop.size;
    this.inputWidth = n * (pop.neuron.inputChannels ?? 1);
    this.slotStride = Math.ceil(this.inputWidth / 4) * 4;
    const name = (s: string) => `${pop.label}.${s}`;
    for (const v of pop.neuron.stateVars)
      this.slotsPlan.push(
        plan.reserve(name(v.name), v.type === 'i32' ? Int32Array : Float32Array, n),
      );
    this.slotsPlan.push(plan.reserve(name('refractory'), Int32Array, n));
    this.slotsPlan.push(plan.reserve(name('iOffset'), Float32Array, n));
    this.slotsPlan.push(plan.reserve(name('iOffsetBase'), Float32Array, n));
    const bufferLength = this.slotStride * this.slots;
    this.slotsPlan.push(plan.reserve(name('inputE'), Float32Array, bufferLength));
    if (pop.neuron.receptorBuffers === 2 && !direct)
      this.slotsPlan.push(plan.reserve(name('inputI'), Float32Array, bufferLength));
  }

  claim(arena: Arena): void {
    const ids = this.slotsPlan;
    const stateVars = this.pop.neuron.stateVars;
    const nv = stateVars.length;
    const vars = stateVars.map((v, k) =>
      v.type === 'i32' ? arena.i32(ids[k]!) : arena.f32(ids[k]!),
    );
    this.state = {
      n: this.pop.size,
      vars,
      refractory: arena.i32(ids[nv]!),
      iOffset: arena.f32(ids[nv + 1]!),
      hasOffset: true,
      constStride: this.pop.constStride,
    };
    this.iOffsetBase = arena.f32(ids[nv + 2]!);
    this.iOffsetBase.set(this.pop.iOffset);
    this.bufE = arena.f32(ids[nv + 3]!);
    this.bufI =
      this.pop.neuron.receptorBuffers === 2 && !this.direct ? arena.f32(ids[nv + 4]!) : this.bufE;
    const w = this.inputWidth;
    const stride = this.slotStride;
    const views = (b: Float32Array) =>
      Array.from({ length: this.slots }, (_, k) => b.subarray(k * stride, k * stride + w));
    this.slotsE = views(this.bufE);
    this.slotsI = this.bufI === this.bufE ? this.slotsE : views(this.bufI);
  }

  reset(rng: Rng): void {
    const s = this.state;
    this.pop.initial.forEach((init, k) => {
      s.vars[k]!.set(init);
    });
    s.refractory.fill(0);
    s.iOffset.set(this.iOffsetBase);
    this.offsetChanged();
    this.bufE.fill(0);
    this.bufI.fill(0);
    this.rng = rng;
    s.rng = rng.derive(`neurons/${this.pop.label}`);
    const first = this.sliceStart / DRIVE_BLOCK;
    this.driveRngs = Array.from({ length: Math.ceil(this.pop.size / DRIVE_BLOCK) }, (_, b) =>
      rng.derive(`drive/block/${first + b}`),
    );
    this.stepPointer = 0;
  }

  /** Where deliveries of a receptor add: the ring buffer, or with direct input the synaptic variable itself. */
  inputTarget(receptor: Receptor): InputTarget {
    const inhibitory = receptor === 'inhibitory';
    const vars = this.pop.neuron.inputVars;
    const direct = this.direct && vars ? this.state.vars[vars[inhibitory ? 1 : 0]] : undefined;
    if (direct instanceof Float32Array) return { buffer: direct, mask: 0, stride: 0 };
    return { buffer: inhibitory ? this.bufI : this.bufE, mask: this.mask, stride: this.slotStride };
  }

  /** Recomputes state.hasOffset after iOffset changed (never per tick). */
  offsetChanged(): void {
    this.state.hasOffset = this.state.iOffset.some((x) => x !== 0);
  }

  /** Step-current changes due at `tick` (events are sorted by tick). */
  applySteps(tick: number): void {
    const ev = this.pop.stepCurrents;
    if (ev === null) return;
    const iOff = this.state.iOffset;
    while (this.stepPointer < ev.ticks.length && ev.ticks[this.stepPointer]! <= tick) {
      const k = this.stepPointer++;
      const d = ev.deltas[k]!;
      const a = ev.neuronStart[k]!;
      const b = ev.neuronStart[k + 1]!;
      if (a === b) for (let i = 0; i < iOff.length; i++) iOff[i] = iOff[i]! + d;
      else for (let j = a; j < b; j++) iOff[ev.neurons[j]!] = iOff[ev.neurons[j]!]! + d;
      this.offsetChanged();
    }
  }

  /** Adds this tick's Poisson input counts × weight into the current slot; returns the number of kicks. */
  drive(slot: number): number {
    let kicks = 0;
    const n = this.pop.size;
    for (let d = 0; d < this.samplers.length; d++) {
      const sampler = this.samplers[d]!;
      const w = this.pop.poissonInput[d]!.weight;
      const buf = (this.pop.poissonInput[d]!.receptor === 'inhibitory' ? this.slotsI : this.slotsE)[
        slot
      ]!;
      for (let b = 0; b * DRIVE_BLOCK < n; b++) {
        const rng = this.driveRngs[b]!;
        const end = Math.min(n, (b + 1) * DRIVE_BLOCK);
        for (let i = b * DRIVE_BLOCK; i < end; i++) {
          // branch-free: a zero count adds 0 (a taken/not-taken branch at P(0) = e^-λ mispredicts often)
          const c = sampler.sample(rng);
          buf[i]! += c * w;
          kicks += c;
        }
      }
    }
    return kicks;
  }
}

export class PoissonSourceRuntime {
  /** Spike probability per tick per source (rate · dt), from the current rates. */
  prob!: Float32Array;
  rates!: Float32Array;
  rng: Rng | null = null;
  private readonly probSlot: number;
  private readonly rateSlot: number;

  constructor(
    readonly pop: PoissonSourcePopulation,
    readonly index: number,
    readonly dt: number,
    plan: ArenaPlan,
  ) {
    this.probSlot = plan.reserve(`${pop.label}.prob`, Float32Array, pop.size);
    this.rateSlot = plan.reserve(`${pop.label}.rate`, Float32Array, pop.size);
  }

  claim(arena: Arena): void {
    this.prob = arena.f32(this.probSlot);
    this.rates = arena.f32(this.rateSlot);
    this.setRates(this.pop.rates);
  }

  setRates(rates: ArrayLike<number>): void {
    for (let i = 0; i < this.prob.length; i++) {
      this.rates[i] = rates[i]!;
      this.prob[i] = (rates[i]! * this.dt) / 1000;
    }
  }

  reset(rng: Rng): void {
    this.rng = rng;
  }

  emit(tick: number, spikes: Uint32Array, count: number): number {
    const pop = this.pop;
    if (tick < pop.startTick || tick >= pop.endTick) return count;
    const prob = this.prob;
    const rng = this.rng!;
    const off = pop.offset;
    for (let i = 0; i < prob.length; i++) if (rng.uniform32() < prob[i]!) spikes[count++] = off + i;
    return count;
  }
}

export class ArraySourceRuntime {
  pointer = 0;

  constructor(
    readonly pop: ArraySourcePopulation,
    readonly index: number,
  ) {}

  reset(): void {
    this.pointer = 0;
  }

  emit(tick: number, spikes: Uint32Array, count: number): number {
    const { ticks, ids, offset } = this.pop;
    let p = this.pointer;
    while (p < ticks.length && ticks[p]! < tick) p++; // only after a skipped start
    while (p < ticks.length && ticks[p] === tick) spikes[count++] = offset + ids[p++]!;
    this.pointer = p;
    return count;
  }
}

export type PopulationRuntime = NeuronRuntime | PoissonSourceRuntime | ArraySourceRuntime;

/** The largest delay (ticks) of the projections into each population. */
export function maxDelaysInto(net: Network): number[] {
  const out = net.populations.map(() => 1);
  for (const p of net.projections) out[p.post] = Math.max(out[p.post]!, p.maxDelay);
  return out;
}
