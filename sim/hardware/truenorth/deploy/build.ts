/**
 * Assembles a TrueNorth deployment as an engine network of TrueNorth
 * neurons, core by core, so that every neuron has exactly one target axon
 * and every core holds at most 256 neurons and 256 axons of four types:
 *
 * - inputs: spike sources as they are, or IF neurons driven by a current as
 *   TrueNorth neurons whose leak is that current (set per sample with
 *   setIOffset);
 * - `X/splitters`: for every neuron of X that feeds a layer, one splitter
 *   neuron per axon copy it needs (K types × the cores of its input group),
 *   all on one relay core behind the one axon its spike goes to (Merolla et
 *   al. 2014 §S4); a copy whose crossbar column would be empty is left out;
 * - `X/partials` (split layers): the mirror pairs of each input group;
 * - `X`: the layer's neurons (merge neurons when split), same size and order
 *   as the original population, so readouts and spike counts line up.
 *
 * Populations follow the original order, each followed by its splitters
 * and preceded by its partials; cores are numbered in the same order, so
 * a serpentine slot order keeps a layer next to its inputs.
 */

import { SpikelabError } from '../../../../src/core/errors.ts';
import type { Network, NeuronPopulation } from '../../../network/network.ts';
import type { NetworkSpec, PopulationSpec } from '../../../network/spec.ts';
import { RESET_TO_VALUE } from '../../../neurons/truenorth/params.ts';
import { GrowableU32 } from '../../growable.ts';
import { codeMask } from './codes.ts';
import type { LayerCapacity, LayerPlan } from './layer.ts';
import type { DeployShape } from './shape.ts';
import { Edges, TrueNorthTable } from './tables.ts';

/** Threshold of a current-driven input neuron: its current is resolved to 1/4096 of a threshold per tick. */
export const INPUT_THRESHOLD = 4096;

export type DeployedRole = 'input' | 'splitters' | 'partials' | 'layer';

export interface DeployedPopulation {
  readonly label: string;
  /** Label of the original population it serves. */
  readonly of: string;
  readonly role: DeployedRole;
  readonly size: number;
  /** Core of each neuron. */
  readonly cores: Int32Array;
  readonly coreCount: number;
}

export interface DeployedInput {
  readonly label: string;
  readonly kind: 'spikes' | 'leak';
  /** leak: units per tick per unit of the original's iOffset (dt·s/cm), per neuron. */
  readonly leakPerCurrent: Float64Array | null;
}

export interface BuiltDeployment {
  readonly spec: NetworkSpec;
  readonly populations: readonly DeployedPopulation[];
  readonly inputs: readonly DeployedInput[];
  readonly cores: number;
}

export function buildDeployment(
  net: Network,
  shape: DeployShape,
  plans: readonly LayerPlan[],
  cap: LayerCapacity,
): BuiltDeployment {
  const populations: PopulationSpec[] = [];
  const deployed: DeployedPopulation[] = [];
  const inputs: DeployedInput[] = [];
  const edges = new Map<string, Edges>();
  let nextCore = 0;
  const edgesOf = (from: string, to: string, delay: number) => {
    const key = `${from}\u0000${to}`;
    let e = edges.get(key);
    if (!e) {
      e = new Edges(from, to, delay);
      edges.set(key, e);
    }
    return e;
  };
  const place = (
    spec: PopulationSpec,
    of: string,
    role: DeployedRole,
    coreOf: (i: number) => number,
    coreCount: number,
  ) => {
    const cores = new Int32Array(spec.size);
    for (let i = 0; i < spec.size; i++) cores[i] = nextCore + coreOf(i);
    nextCore += coreCount;
    populations.push(spec);
    deployed.push({ label: spec.label, of, role, size: spec.size, cores, coreCount });
  };
  const perCore = cap.neuronsPerCore;
  const layerTarget = (p: LayerPlan) => (p.split ? `${p.label}/partials` : p.label);

  net.populations.forEach((pop, index) => {
    const input = shape.inputs.find((x) => x.population === index);
    const n = pop.size;
    if (input?.kind === 'spikes') {
      const spec = net.spec.populations[index]!;
      place(spec, pop.label, 'input', (i) => Math.floor(i / perCore), Math.ceil(n / perCore));
      inputs.push({ label: pop.label, kind: 'spikes', leakPerCurrent: null });
    } else if (input?.kind === 'leak') {
      const p = pop as NeuronPopulation;
      const t = new TrueNorthTable(n);
      const perCurrent = new Float64Array(n);
      const base = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const vReset = p.perNeuron.vReset ? p.perNeuron.vReset[i]! : p.params.vReset!;
        const vThresh = p.perNeuron.vThresh ? p.perNeuron.vThresh[i]! : p.params.vThresh!;
        const cm = p.perNeuron.cm ? p.perNeuron.cm[i]! : p.params.cm!;
        const s = INPUT_THRESHOLD / (vThresh - vReset);
        t.threshold[i] = INPUT_THRESHOLD;
        t.v[i] = Math.min(INPUT_THRESHOLD - 1, Math.round((p.initial[0]![i]! - vReset) * s));
        perCurrent[i] = (net.dt * s) / cm;
        base[i] = Math.round(p.iOffset[i]! * perCurrent[i]!);
      }
      place(
        t.spec(pop.label, base),
        pop.label,
        'input',
        (i) => Math.floor(i / perCore),
        Math.ceil(n / perCore),
      );
      inputs.push({ label: pop.label, kind: 'leak', leakPerCurrent: perCurrent });
    } else {
      const plan = plans[shape.layerOf[index]!]!;
      if (plan.split) emitPartials(plan);
      emitLayer(plan);
    }
    const uses = shape.consumers[index]!.map((l) => plans[l]!);
    if (uses.length > 0) emitSplitters(pop.label, n, uses);
  });

  function emitPartials(p: LayerPlan): void {
    const size = 2 * p.groups * p.nPost;
    const t = new TrueNorthTable(size);
    const m = p.code.multipliers;
    const merge = edgesOf(`${p.label}/partials`, p.label, 1);
    for (let g = 0; g < p.groups; g++) {
      for (let j = 0; j < p.nPost; j++) {
        const k = 2 * (g * p.nPost + j);
        const q = p.unit[j]!;
        for (let G = 0; G < m.length; G++) {
          t.w[G]![k] = q * m[G]!;
          t.w[G]![k + 1] = -q * m[G]!;
        }
        const a = p.partialThreshold[j]!;
        for (const x of [k, k + 1]) {
          t.threshold[x] = a;
          t.negThreshold[x] = a;
          t.negativeSaturate[x] = 0;
        }
        if (g === 0) {
          t.leak[k] = p.leak[j]!;
          t.leak[k + 1] = -p.leak[j]!;
          t.v[k] = p.start[j]!;
        }
        t.v[k + 1] = -1 - t.v[k]!;
        merge.add(k, j, 0);
        merge.add(k + 1, j, 1);
      }
    }
    const coreOf = (x: number) => {
      const g = Math.floor(x / (2 * p.nPost));
      const j = (x >> 1) % p.nPost;
      return g * p.chunks + Math.floor(j / p.postsPerCore);
    };
    place(t.spec(`${p.label}/partials`), p.label, 'partials', coreOf, p.groups * p.chunks);
  }

  function emitLayer(p: LayerPlan): void {
    const t = new TrueNorthTable(p.nPost);
    for (let j = 0; j < p.nPost; j++) {
      if (p.split) {
        t.w[0]![j] = p.mergeWeight[j]!;
        t.w[1]![j] = -p.mergeWeight[j]!;
        t.threshold[j] = p.mergeThreshold[j]!;
      } else {
        for (let G = 0; G < p.code.bits; G++) t.w[G]![j] = p.unit[j]! * p.code.multipliers[G]!;
        t.threshold[j] = p.threshold[j]!;
        t.leak[j] = p.leak[j]!;
        t.v[j] = p.start[j]!;
      }
    }
    const per = p.split ? p.mergesPerCore : p.postsPerCore;
    place(t.spec(p.label), p.label, 'layer', (j) => Math.floor(j / per), Math.ceil(p.nPost / per));
  }

  /** Splitters of each neuron i: one per (consumer core, axon type) whose crossbar column is not empty. */
  function emitSplitters(label: string, n: number, uses: readonly LayerPlan[]): void {
    const name = `${label}/splitters`;
    const toSplitter = edgesOf(label, name, 1);
    const outs = uses.map((p) => edgesOf(name, layerTarget(p), p.layer.delay));
    const owner = new GrowableU32(n);
    let s = 0;
    for (let i = 0; i < n; i++) {
      uses.forEach((p, u) => {
        const out = outs[u]!;
        const g = Math.floor(i / p.groupSize);
        const row = i * p.nPost;
        for (let c = 0; c < p.chunks; c++) {
          const j1 = Math.min(p.nPost, (c + 1) * p.postsPerCore);
          for (let G = 0; G < p.code.bits; G++) {
            let any = false;
            for (let j = c * p.postsPerCore; j < j1; j++) {
              if (!((codeMask(p.codes[row + j]!, p.code.bits) >> G) & 1)) continue;
              if (p.split) {
                const k = 2 * (g * p.nPost + j);
                out.add(s, k, G);
                out.add(s, k + 1, G);
              } else out.add(s, j, G);
              any = true;
            }
            if (any) {
              toSplitter.add(i, s, 0);
              owner.push(i);
              s++;
            }
          }
        }
      });
    }
    if (s === 0) return;
    // Each neuron's splitters share its one axon, on one relay core.
    const owners = owner.toArray();
    const cores = new Int32Array(s);
    let core = 0;
    let here = 0;
    for (let a = 0; a < s; ) {
      let b = a;
      while (b < s && owners[b] === owners[a]) b++;
      if (b - a > perCore) {
        throw new SpikelabError(
          'CONSTRAINT_VIOLATION',
          `IBM TrueNorth deployment: neuron ${owners[a]} of population '${label}' needs ${b - a} axon copies (splitter neurons); allowed: at most ${perCore}, one relay core behind its one target axon`,
        );
      }
      if (here > 0 && here + (b - a) > perCore) {
        core++;
        here = 0;
      }
      for (let k = a; k < b; k++) cores[k] = core;
      here += b - a;
      a = b;
    }
    const t = new TrueNorthTable(s);
    t.w[0]!.fill(1);
    t.resetMode.fill(RESET_TO_VALUE);
    t.negThreshold.fill(0);
    place(t.spec(name), label, 'splitters', (k) => cores[k]!, core + 1);
  }

  const projections = [...edges.values()].map((e) => {
    const size = populations.find((p) => p.label === e.from)!.size;
    return e.toSpec(size);
  });
  return {
    spec: {
      schemaVersion: 1,
      dt: net.dt,
      seed: net.seed,
      populations,
      projections,
      meta: {
        model: `${typeof net.spec.meta?.model === 'string' ? net.spec.meta.model : 'network'} (TrueNorth deployment)`,
      },
    },
    populations: deployed,
    inputs,
    cores: nextCore,
  };
}
