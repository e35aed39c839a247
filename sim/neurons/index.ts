/**
 * Registry of neuron models by their PyNN-style type name, and parameter
 * resolution: defaults filled in, PyNN snake_case names accepted (tau_syn_E →
 * tauSynE), every value checked against its spec with the field path named.
 */
import { invalid, unknownName } from '../../src/core/errors.ts';
import { cubaLeakyIntegrator, cubaLif, leakyIntegrator, lif } from './discrete-lif.ts';
import { ifCondExp } from './if-cond-exp.ts';
import { ifCurrDelta } from './if-curr-delta.ts';
import { ifCurrExp } from './if-curr-exp.ts';
import { ifNonleaky } from './if-nonleaky.ts';
import { trueNorthNeuron } from './truenorth/model.ts';
import type { NeuronModel, ParamSpec } from './types.ts';

export type {
  NeuronModel,
  NeuronState,
  ParamSpec,
  Receptor,
  StateArray,
  UpdateKernel,
} from './types.ts';
export {
  cubaLeakyIntegrator,
  cubaLif,
  ifCondExp,
  ifCurrDelta,
  ifCurrExp,
  ifNonleaky,
  leakyIntegrator,
  lif,
  trueNorthNeuron,
};

export const neuronModels: Readonly<Record<string, NeuronModel>> = {
  IF_curr_exp: ifCurrExp,
  IF_curr_delta: ifCurrDelta,
  IF_cond_exp: ifCondExp,
  IF_nonleaky: ifNonleaky,
  TrueNorth: trueNorthNeuron,
  LIF: lif,
  CubaLIF: cubaLif,
  LI: leakyIntegrator,
  CubaLI: cubaLeakyIntegrator,
};

export const neuronModelNames = Object.keys(neuronModels);

export function neuronModel(name: string, field = 'model'): NeuronModel {
  const m = neuronModels[name];
  if (!m) throw unknownName(field, name, neuronModelNames);
  return m;
}

/** PyNN's snake_case parameter names to camelCase: tau_syn_E → tauSynE, e_rev_I → eRevI. */
export function camelName(name: string): string {
  return name.replace(/_([a-zA-Z])/g, (_, c: string) => c.toUpperCase());
}

/** The membrane potential the kernels store v relative to (0 for models without vRest). */
export function restPotential(p: Readonly<Record<string, number>>): number {
  return p.vRest ?? 0;
}

/** `a finite number > 0 (ms)`, `an integer in -256…255 (units)`: what a spec allows. */
export function allowedValues(spec: ParamSpec): string {
  const what = spec.integer ? 'an integer' : 'a finite number';
  const { min, max } = spec;
  let range = '';
  if (min !== undefined && max !== undefined && !spec.exclusiveMin) range = ` in ${min}…${max}`;
  else if (min !== undefined) range = ` ${spec.exclusiveMin ? '>' : '≥'} ${min}`;
  if (max !== undefined && range === '') range = ` ≤ ${max}`;
  else if (max !== undefined && spec.exclusiveMin) range += ` and ≤ ${max}`;
  return `${what}${range} (${spec.unit})`;
}

/** Checks one value against its spec; throws INVALID_ARGUMENT / NOT_FINITE naming `field`. */
export function checkParam(spec: ParamSpec, value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalid(field, value, allowedValues(spec), 'NOT_FINITE');
  }
  const { min, max } = spec;
  if (
    (min !== undefined && (spec.exclusiveMin ? value <= min : value < min)) ||
    (max !== undefined && value > max) ||
    (spec.integer && !Number.isInteger(value))
  ) {
    throw invalid(field, value, allowedValues(spec));
  }
  return value;
}

/** The camelCase name of a parameter of `model`, or UNKNOWN_TYPE naming the field. */
export function paramName(model: NeuronModel, rawKey: string, field: string): string {
  const key = camelName(rawKey);
  if (!model.params[key]) throw unknownName(field, rawKey, Object.keys(model.params));
  return key;
}

/** Cross-parameter checks of one full parameter set (e.g. vReset < vThresh). */
export function checkParamSet(
  model: NeuronModel,
  p: Readonly<Record<string, number>>,
  where: string,
): void {
  const problem = model.check(p);
  if (problem) throw invalid(where, { vReset: p.vReset, vThresh: p.vThresh }, problem);
}

/**
 * Full parameter set of a model from user values (camelCase or PyNN
 * snake_case), with defaults; throws INVALID_ARGUMENT naming `where.param`.
 */
export function resolveParams(
  model: NeuronModel,
  given: Readonly<Record<string, number>> | undefined,
  where: string,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, spec] of Object.entries(model.params)) out[k] = spec.default;
  for (const [rawKey, value] of Object.entries(given ?? {})) {
    const key = paramName(model, rawKey, `${where}.${rawKey}`);
    out[key] = checkParam(model.params[key]!, value, `${where}.${rawKey}`);
  }
  checkParamSet(model, out, where);
  return out;
}
