/** Builds the populations of a network spec: parameters, initial state, sources, inputs. */
import { invalid } from '../../src/core/errors.ts';
import type { Rng } from '../../src/core/rng.ts';
import {
  checkParam,
  checkParamSet,
  neuronModel,
  paramName,
  resolveParams,
  restPotential,
} from '../neurons/index.ts';
import type { NeuronModel } from '../neurons/types.ts';
import {
  type ArraySourcePopulation,
  checkSourceRate,
  type NeuronPopulation,
  type PoissonSourcePopulation,
  type Population,
  type StepCurrentEvents,
} from './network.ts';
import type {
  ArraySourceSpec,
  NeuronPopulationSpec,
  PoissonSourceSpec,
  PopulationSpec,
  StepCurrentSpec,
  ValueSpec,
} from './spec.ts';
import { fillValues } from './values.ts';

function toTick(ms: number, dt: number, field: string): number {
  if (!(Number.isFinite(ms) && ms >= 0)) throw invalid(field, ms, 'a finite time ≥ 0 (ms)');
  return Math.round(ms / dt);
}

function stepEvents(
  specs: StepCurrentSpec[],
  size: number,
  dt: number,
  where: string,
): StepCurrentEvents {
  const rows: { tick: number; delta: number; neurons: number[]; order: number }[] = [];
  specs.forEach((s, si) => {
    const f = `${where}.stepCurrents.${si}`;
    if (s.times.length !== s.amplitudes.length) {
      throw invalid(
        `${f}.amplitudes`,
        s.amplitudes,
        `${s.times.length} values, one per time`,
        'SHAPE_MISMATCH',
      );
    }
    const neurons: number[] = [];
    for (let k = 0; k < (s.neurons?.length ?? 0); k++) {
      const i = s.neurons![k]!;
      if (!(Number.isInteger(i) && i >= 0 && i < size))
        throw invalid(`${f}.neurons[${k}]`, i, `an index in [0, ${size - 1}]`);
      neurons.push(i);
    }
    let prevAmp = 0;
    let prevTick = 0;
    for (let k = 0; k < s.times.length; k++) {
      const tick = toTick(s.times[k]!, dt, `${f}.times[${k}]`);
      if (tick < prevTick)
        throw invalid(`${f}.times[${k}]`, s.times[k], 'times in increasing order');
      const a = s.amplitudes[k]!;
      if (!Number.isFinite(a))
        throw invalid(`${f}.amplitudes[${k}]`, a, 'a finite current (nA)', 'NOT_FINITE');
      rows.push({ tick, delta: a - prevAmp, neurons, order: rows.length });
      prevAmp = a;
      prevTick = tick;
    }
  });
  rows.sort((a, b) => a.tick - b.tick || a.order - b.order);
  const neuronStart = new Uint32Array(rows.length + 1);
  rows.forEach((r, k) => {
    neuronStart[k + 1] = neuronStart[k]! + r.neurons.length;
  });
  return {
    ticks: Uint32Array.from(rows, (r) => r.tick),
    deltas: Float64Array.from(rows, (r) => r.delta),
    neuronStart,
    neurons: Uint32Array.from(rows.flatMap((r) => r.neurons)),
  };
}

/** Scalar parameters resolved; per-neuron ones filled and checked value by value. */
function populationParams(s: NeuronPopulationSpec, model: NeuronModel, rng: Rng, where: string) {
  const scalars: Record<string, number> = {};
  const perNeuron: Record<string, Float32Array> = {};
  let iOffsetSpec: ValueSpec | undefined;
  for (const [raw, value] of Object.entries(s.params ?? {})) {
    const field = `${where}.params.${raw}`;
    const key = paramName(model, raw, field);
    if (typeof value === 'number') scalars[raw] = value;
    else if (key === 'iOffset')
      iOffsetSpec = value; // a per-neuron current, not a constant of the kernel
    else {
      const arr = fillValues(value, new Float32Array(s.size), rng.derive(`param/${key}`), field);
      for (let i = 0; i < arr.length; i++) checkParam(model.params[key]!, arr[i], `${field}[${i}]`);
      perNeuron[key] = arr;
    }
  }
  const perKeys = Object.keys(perNeuron);
  // with per-neuron parameters the cross-checks (vReset < vThresh) run per neuron, in kernelConstants
  const params = perKeys.length
    ? scalarParams(model, scalars, `${where}.params`)
    : resolveParams(model, scalars, `${where}.params`);
  for (const k of perKeys) params[k] = Number.NaN;
  return { params, perNeuron, iOffsetSpec };
}

/** Defaults overridden by the given scalars, each checked against its spec. */
function scalarParams(model: NeuronModel, scalars: Record<string, number>, where: string) {
  const out: Record<string, number> = {};
  for (const [k, spec] of Object.entries(model.params)) out[k] = spec.default;
  for (const [raw, v] of Object.entries(scalars)) {
    const key = paramName(model, raw, `${where}.${raw}`);
    out[key] = checkParam(model.params[key]!, v, `${where}.${raw}`);
  }
  return out;
}

/** The kernel constants: one set, or one set per neuron when some parameters are per neuron. */
function kernelConstants(
  model: NeuronModel,
  params: Record<string, number>,
  perNeuron: Record<string, Float32Array>,
  n: number,
  dt: number,
  where: string,
) {
  const keys = Object.keys(perNeuron);
  if (keys.length === 0) return { consts: model.prepare(params, dt), constStride: 0 };
  const p = { ...params };
  let consts = new Float64Array(0);
  let stride = 0;
  for (let i = 0; i < n; i++) {
    for (const k of keys) p[k] = perNeuron[k]![i]!;
    checkParamSet(model, p, `${where}.params (neuron ${i})`);
    const c = model.prepare(p, dt);
    if (i === 0) {
      stride = c.length;
      consts = new Float64Array(n * stride);
    }
    consts.set(c, i * stride);
  }
  return { consts, constStride: stride };
}

function checkIntegers(a: Float32Array, field: string, why: string): void {
  for (let i = 0; i < a.length; i++) {
    if (!Number.isInteger(a[i]!)) throw invalid(`${field}[${i}]`, a[i], `an integer (${why})`);
  }
}

/** Inputs a model cannot take: currents into a model without iOffset, Poisson kicks into channels. */
function checkInputsFor(model: NeuronModel, s: NeuronPopulationSpec, where: string): void {
  if (!('iOffset' in model.params)) {
    if (s.iOffset !== undefined)
      throw invalid(`${where}.iOffset`, s.iOffset, `nothing: ${model.name} takes no current`);
    if (s.stepCurrents?.length)
      throw invalid(`${where}.stepCurrents`, '…', `nothing: ${model.name} takes no current`);
  }
  if ((model.inputChannels ?? 1) > 1 && s.poissonInput?.length) {
    throw invalid(
      `${where}.poissonInput`,
      '…',
      `nothing: ${model.name} receives events on ${model.inputChannels} channels; project a SpikeSourcePoisson population onto one instead`,
    );
  }
}

function neuronPopulation(
  s: NeuronPopulationSpec,
  offset: number,
  dt: number,
  rng: Rng,
  where: string,
): NeuronPopulation {
  const model = neuronModel(s.model, `${where}.model`);
  const { params, perNeuron, iOffsetSpec } = populationParams(s, model, rng, where);
  const { consts, constStride } = kernelConstants(model, params, perNeuron, s.size, dt, where);
  const restAt = (i: number) => (perNeuron.vRest ? perNeuron.vRest[i]! : restPotential(params));
  const resetAt = (i: number) => (perNeuron.vReset ? perNeuron.vReset[i]! : params.vReset!);
  const initial = model.stateVars.map((sv, k) => {
    const a = new Float32Array(s.size);
    const given = s.initial?.[sv.name];
    if (given !== undefined) {
      const field = `${where}.initial.${sv.name}`;
      fillValues(given, a, rng.derive(`initial/${sv.name}`), field);
      if (sv.type === 'i32') checkIntegers(a, field, `${model.name} state is integer`);
    }
    if (k === 0) {
      // v is stored relative to the resting potential; by default it starts at rest (at vReset without a leak)
      for (let i = 0; i < a.length; i++) {
        const v0 =
          given !== undefined ? a[i]! : model.name === 'IF_nonleaky' ? resetAt(i) : restAt(i);
        a[i] = v0 - restAt(i);
      }
    }
    return a;
  });
  for (const key of Object.keys(s.initial ?? {})) {
    if (!model.stateVars.some((v) => v.name === key)) {
      throw invalid(
        `${where}.initial.${key}`,
        key,
        `a state variable of ${model.name}: ${model.stateVars.map((v) => v.name).join(', ')}`,
        'UNKNOWN_TYPE',
      );
    }
  }
  checkInputsFor(model, s, where);
  const iOffset =
    'iOffset' in model.params
      ? fillValues(
          s.iOffset ?? iOffsetSpec ?? params.iOffset!,
          new Float32Array(s.size),
          rng.derive('iOffset'),
          `${where}.iOffset`,
        )
      : new Float32Array(s.size);
  const poissonInput = (s.poissonInput ?? []).map((p, k) => {
    const f = `${where}.poissonInput.${k}`;
    if (!(Number.isFinite(p.rateHz) && p.rateHz >= 0))
      throw invalid(`${f}.rateHz`, p.rateHz, 'a finite rate ≥ 0 (Hz)');
    if (!Number.isFinite(p.weight))
      throw invalid(`${f}.weight`, p.weight, 'a finite weight', 'NOT_FINITE');
    if (model.nonNegativeWeights && p.weight < 0)
      throw invalid(`${f}.weight`, p.weight, `≥ 0 (${model.weightUnit}) for ${model.name}`);
    return {
      lambda: (p.rateHz * dt) / 1000,
      rateHz: p.rateHz,
      weight: p.weight,
      receptor: p.receptor,
    };
  });
  return {
    kind: 'neuron',
    label: s.label,
    size: s.size,
    offset,
    model: model.name,
    neuron: model,
    params,
    perNeuron,
    consts,
    constStride,
    initial,
    iOffset,
    poissonInput,
    stepCurrents: s.stepCurrents?.length ? stepEvents(s.stepCurrents, s.size, dt, where) : null,
  };
}

function poissonSource(
  s: PoissonSourceSpec,
  offset: number,
  dt: number,
  rng: Rng,
  where: string,
): PoissonSourcePopulation {
  const rates = fillValues(
    s.params.rate,
    new Float32Array(s.size),
    rng.derive('rate'),
    `${where}.params.rate`,
  );
  for (let i = 0; i < rates.length; i++)
    checkSourceRate(rates[i]!, dt, `${where}.params.rate[${i}]`);
  const startTick = toTick(s.params.start ?? 0, dt, `${where}.params.start`);
  const duration = s.params.duration ?? 1e10;
  const endTick = startTick + toTick(duration, dt, `${where}.params.duration`);
  return {
    kind: 'poisson',
    label: s.label,
    size: s.size,
    offset,
    model: s.model,
    rates,
    startTick,
    endTick,
  };
}

function arraySource(
  s: ArraySourceSpec,
  offset: number,
  dt: number,
  where: string,
): ArraySourcePopulation {
  const times = s.params.spikeTimes;
  if (times.length !== s.size) {
    throw invalid(
      `${where}.params.spikeTimes`,
      times,
      `${s.size} lists, one per source`,
      'SHAPE_MISMATCH',
    );
  }
  // key = tick · size + id sorts by tick, then id; duplicates within a tick merge (one spike per tick)
  let total = 0;
  for (const t of times) total += t.length;
  const keys = new Float64Array(total);
  let k = 0;
  times.forEach((list, i) => {
    for (let j = 0; j < list.length; j++) {
      keys[k++] = toTick(list[j]!, dt, `${where}.params.spikeTimes.${i}[${j}]`) * s.size + i;
    }
  });
  keys.sort();
  const ticks: number[] = [];
  const ids: number[] = [];
  for (let j = 0; j < total; j++) {
    if (j > 0 && keys[j] === keys[j - 1]) continue;
    ticks.push(Math.floor(keys[j]! / s.size));
    ids.push(keys[j]! % s.size);
  }
  return {
    kind: 'array',
    label: s.label,
    size: s.size,
    offset,
    model: s.model,
    ticks: Uint32Array.from(ticks),
    ids: Uint32Array.from(ids),
  };
}

export function buildPopulation(
  s: PopulationSpec,
  offset: number,
  dt: number,
  rng: Rng,
  where: string,
): Population {
  if (!(Number.isInteger(s.size) && s.size >= 1 && s.size <= 2 ** 31)) {
    throw invalid(`${where}.size`, s.size, 'an integer in [1, 2^31]');
  }
  switch (s.model) {
    case 'SpikeSourcePoisson':
      return poissonSource(s, offset, dt, rng, where);
    case 'SpikeSourceArray':
      return arraySource(s, offset, dt, where);
    default:
      return neuronPopulation(s, offset, dt, rng, where);
  }
}
