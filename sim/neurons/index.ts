/**
 * Registry of neuron models by their PyNN-style type name, and parameter
 * resolution: defaults filled in, PyNN snake_case names accepted (tau_syn_E →
 * tauSynE), every value checked against its spec with the field path named.
 */
import { invalid, unknownName } from '../../src/core/errors.ts';
import { ifCondExp } from './if-cond-exp.ts';
import { ifCurrDelta } from './if-curr-delta.ts';
import { ifCurrExp } from './if-curr-exp.ts';
import { ifNonleaky } from './if-nonleaky.ts';
import type { NeuronModel } from './types.ts';

export type { NeuronModel, NeuronState, ParamSpec, Receptor, UpdateKernel } from './types.ts';
export { ifCondExp, ifCurrDelta, ifCurrExp, ifNonleaky };

export const neuronModels: Readonly<Record<string, NeuronModel>> = {
  IF_curr_exp: ifCurrExp,
  IF_curr_delta: ifCurrDelta,
  IF_cond_exp: ifCondExp,
  IF_nonleaky: ifNonleaky,
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
    const key = camelName(rawKey);
    const spec = model.params[key];
    const field = `${where}.${rawKey}`;
    if (!spec) throw unknownName(field, rawKey, Object.keys(model.params));
    const unit = ` (${spec.unit})`;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw invalid(field, value, `a finite number${unit}`, 'NOT_FINITE');
    }
    if (spec.min !== undefined) {
      if (spec.exclusiveMin ? value <= spec.min : value < spec.min) {
        throw invalid(
          field,
          value,
          `a finite number ${spec.exclusiveMin ? '>' : '≥'} ${spec.min}${unit}`,
        );
      }
    }
    out[key] = value;
  }
  const problem = model.check(out);
  if (problem) {
    throw invalid(where, { vReset: out.vReset, vThresh: out.vThresh }, problem);
  }
  return out;
}
