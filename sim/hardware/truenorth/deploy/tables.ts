/**
 * The two builders of a TrueNorth deployment's spec: the synapses of one
 * (pre, post) population pair, gathered edge by edge and written as CSR with
 * a channel (axon type) per synapse; and the per-neuron parameters of one
 * population of TrueNorth neurons, defaulting to reset by subtraction and no
 * negative floor (the IF neuron of a conversion has none).
 */

import type { PopulationSpec, ProjectionSpec } from '../../../network/spec.ts';
import { RESET_SUBTRACT, TRUENORTH_V_MAX } from '../../../neurons/truenorth/params.ts';
import { GrowableU32 } from '../../growable.ts';

/** One number when every entry is the same (a homogeneous population keeps one set of constants). */
function compact(a: Float64Array): number | Float64Array {
  for (let i = 1; i < a.length; i++) if (a[i] !== a[0]) return a;
  return a[0] ?? 0;
}

export class Edges {
  readonly pre = new GrowableU32(1024);
  readonly post = new GrowableU32(1024);
  readonly channel = new GrowableU32(1024);
  constructor(
    readonly from: string,
    readonly to: string,
    readonly delay: number,
  ) {}

  add(pre: number, post: number, channel: number): void {
    this.pre.push(pre);
    this.post.push(post);
    this.channel.push(channel);
  }

  /** CSR by presynaptic neuron (stable: edges of one source keep their order). */
  toSpec(preSize: number): ProjectionSpec {
    const pre = this.pre.toArray();
    const post = this.post.toArray();
    const ch = this.channel.toArray();
    const rowStart = new Uint32Array(preSize + 1);
    for (let e = 0; e < pre.length; e++) rowStart[pre[e]! + 1]!++;
    for (let i = 0; i < preSize; i++) rowStart[i + 1]! += rowStart[i]!;
    const fill = rowStart.slice(0, preSize);
    const targets = new Uint32Array(pre.length);
    const channel = new Uint8Array(pre.length);
    for (let e = 0; e < pre.length; e++) {
      const k = fill[pre[e]!]!++;
      targets[k] = post[e]!;
      channel[k] = ch[e]!;
    }
    return {
      label: `${this.from}→${this.to}`,
      pre: this.from,
      post: this.to,
      connector: {
        type: 'csr',
        rowStart,
        targets,
        weights: new Float32Array(pre.length).fill(1),
      },
      delay: this.delay,
      receptor: 'excitatory',
      channel,
    };
  }
}

/** Per-neuron TrueNorth parameters of one deployed population. */
export class TrueNorthTable {
  readonly w: Float64Array[];
  readonly threshold: Float64Array;
  readonly negThreshold: Float64Array;
  readonly negativeSaturate: Float64Array;
  readonly resetMode: Float64Array;
  readonly leak: Float64Array;
  readonly v: Float64Array;
  constructor(readonly size: number) {
    this.w = [0, 1, 2, 3].map(() => new Float64Array(size));
    this.threshold = new Float64Array(size).fill(1);
    this.negThreshold = new Float64Array(size).fill(TRUENORTH_V_MAX);
    this.negativeSaturate = new Float64Array(size).fill(1);
    this.resetMode = new Float64Array(size).fill(RESET_SUBTRACT);
    this.leak = new Float64Array(size);
    this.v = new Float64Array(size);
  }

  spec(label: string, iOffset?: Float64Array): PopulationSpec {
    return {
      label,
      size: this.size,
      model: 'TrueNorth',
      params: {
        weight0: compact(this.w[0]!),
        weight1: compact(this.w[1]!),
        weight2: compact(this.w[2]!),
        weight3: compact(this.w[3]!),
        threshold: compact(this.threshold),
        negThreshold: compact(this.negThreshold),
        negativeSaturate: compact(this.negativeSaturate),
        resetMode: compact(this.resetMode),
        resetValue: 0,
        leak: compact(this.leak),
      },
      initial: { v: compact(this.v) },
      ...(iOffset ? { iOffset: compact(iOffset) } : {}),
    };
  }
}
