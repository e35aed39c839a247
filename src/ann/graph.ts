/**
 * The define-by-run computation graph. Operations append a node to a `Tape`
 * as they run, so creation order is a topological order (the u_1 … u_n of
 * reverse-mode differentiation). `backward` walks the tape once in reverse
 * with a gradient table indexed by node id: every consumer *adds* its
 * contribution into its inputs' slots, so a value used twice receives the sum,
 * and each node's backward rule runs exactly once.
 *
 * A value made without a tape (`constant`) flows through the same operations
 * and records nothing: that is the inference path.
 *
 * Buffers come from the tape's arena. `reset()` forgets the nodes but keeps
 * the buffers, and the next pass with the same shapes gets the same buffers
 * back in the same order: a training loop allocates in its first batch only.
 * A value therefore lives until the `reset()` of its tape.
 */
import { SpikelabError } from '../core/errors.ts';
import { type FloatArray, type OnesIndex, sizeOf, type Tensor } from './tensor.ts';

export type Alloc = (n: number) => FloatArray;

export interface OpContext<A, S> {
  readonly inputs: readonly Tensor[];
  readonly output: Tensor;
  readonly attrs: A;
  readonly saved: S;
  /** Scratch buffers for the backward pass (from the tape's arena). */
  readonly alloc: Alloc;
}

/**
 * A gradient a rule computed in a kernel's own memory and has not written to its array yet. It is
 * written before any other rule runs and when the pass ends, unless the next rule (the layer that
 * produced the value) reads it where it is and takes it: a layer's ∂L/∂s then crosses no copy.
 */
let deferred: { readonly target: FloatArray; readonly write: () => void } | null = null;

/** Defers writing a gradient into `target` (any earlier deferred write happens first). */
export function deferGradWrite(target: FloatArray, write: () => void): void {
  writeDeferredGrad();
  deferred = { target, write };
}

/** Takes the deferred write into `target`, which the caller then reads where it was computed; false when there is none. */
export function takeDeferredGrad(target: FloatArray): boolean {
  if (deferred === null || deferred.target !== target) return false;
  deferred = null;
  return true;
}

/** Writes the deferred gradient, if any, into its array. */
export function writeDeferredGrad(): void {
  const d = deferred;
  deferred = null;
  d?.write();
}

/** One operation: its output shape, its forward computation and its backward rule. */
export interface OpDef<A = undefined, S = undefined> {
  readonly name: string;
  /** The output shape; throws SHAPE_MISMATCH naming the op when the inputs disagree. */
  shape(inputs: readonly Tensor[], attrs: A): readonly number[];
  /** Fills `out` (uninitialised) and returns what backward needs beyond inputs and output. */
  forward(inputs: readonly Tensor[], out: FloatArray, attrs: A, alloc: Alloc): S;
  /**
   * Adds ∂L/∂inputᵢ into grads[i]; grads[i] is null when input i needs no gradient. zeroed[i]
   * says grads[i] holds nothing yet (all zeros, no other input shares it), so the rule may write
   * instead of add.
   */
  backward(
    ctx: OpContext<A, S>,
    dy: FloatArray,
    grads: readonly (FloatArray | null)[],
    zeroed: readonly boolean[],
  ): void;
  /** Where the ones of a 0/1 output are, when the forward pass listed them (see `Tensor.ones`). */
  ones?(saved: S): OnesIndex | null;
  /**
   * The rule takes a deferred write of its dy (`takeDeferredGrad`) or writes it
   * (`writeDeferredGrad`) before reading dy; other rules find it written.
   */
  readonly takesDeferredGrad?: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds ops of every attribute type
type AnyOp = OpDef<any, any>;
const registry = new Map<string, AnyOp>();

/** Registers an op under its name (each name once) and returns it. */
export function defineOp<A, S>(op: OpDef<A, S>): OpDef<A, S> {
  if (registry.has(op.name)) throw new Error(`op ${op.name} defined twice`);
  registry.set(op.name, op);
  return op;
}

export function opNames(): string[] {
  return [...registry.keys()].sort();
}

/** A trainable tensor with its gradient accumulator (zeroed by the optimiser after each step). */
export class Param {
  readonly grad: FloatArray;
  constructor(
    readonly name: string,
    readonly value: Tensor,
  ) {
    this.grad = new (value.data.constructor as Float32ArrayConstructor)(value.data.length);
  }
  get size(): number {
    return this.value.data.length;
  }
}

/** A value in the graph: a tensor plus where it came from. */
export class Var {
  constructor(
    readonly tape: Tape | null,
    readonly id: number,
    readonly value: Tensor,
    readonly requiresGrad: boolean,
  ) {}
  get shape(): readonly number[] {
    return this.value.shape;
  }
  get data(): FloatArray {
    return this.value.data;
  }
}

interface Node extends OpContext<unknown, unknown> {
  readonly op: AnyOp | null; // null for a leaf
  readonly vars: readonly Var[];
  readonly param: Param | null;
  readonly requiresGrad: boolean;
}

/** What the tape recorded at one node, for reading (drawing a graph, teaching), never for writing. */
export interface TapeNode {
  readonly id: number;
  /** The op's registered name; null for a leaf. */
  readonly op: string | null;
  /** Ids of the op's inputs in argument order (always lower than `id`). */
  readonly parents: readonly number[];
  readonly value: Tensor;
  readonly requiresGrad: boolean;
  /** The parameter's name for a parameter leaf, else null. */
  readonly param: string | null;
}

export type Precision = 'float32' | 'float64';

export class Tape {
  private readonly nodes: Node[] = [];
  private grads: (FloatArray | null)[] = [];
  private readonly arena: FloatArray[] = [];
  private cursor = 0;
  private readonly paramVars = new Map<Param, Var>();
  readonly precision: Precision;
  readonly alloc: Alloc;

  constructor(precision: Precision = 'float32') {
    this.precision = precision;
    const make =
      precision === 'float64'
        ? (n: number) => new Float64Array(n)
        : (n: number) => new Float32Array(n);
    // Arena allocation: the i-th request of a pass gets the i-th buffer of the last pass when it is long enough.
    this.alloc = (n) => {
      const i = this.cursor++;
      const buf = this.arena[i];
      if (buf !== undefined && buf.length >= n) return buf.length === n ? buf : buf.subarray(0, n);
      const fresh = make(n);
      this.arena[i] = fresh;
      return fresh;
    };
  }

  /** Forgets every node (their values become invalid) and keeps the buffers for the next pass. */
  reset(): void {
    this.nodes.length = 0;
    this.grads.length = 0;
    this.paramVars.clear();
    this.cursor = 0;
  }

  get size(): number {
    return this.nodes.length;
  }

  private leaf(value: Tensor, requiresGrad: boolean, param: Param | null): Var {
    const v = new Var(this, this.nodes.length, value, requiresGrad);
    const empty: Tensor[] = [];
    this.nodes.push({
      op: null,
      vars: [],
      inputs: empty,
      output: value,
      attrs: undefined,
      saved: undefined,
      alloc: this.alloc,
      param,
      requiresGrad,
    });
    return v;
  }

  /** A value that needs no gradient (inputs, targets). */
  constant(t: Tensor): Var {
    return this.leaf(t, false, null);
  }

  /** A leaf whose gradient is kept in the table (read it with `grad`). */
  variable(t: Tensor): Var {
    return this.leaf(t, true, null);
  }

  /** A parameter: its gradient accumulates into `p.grad`. One leaf per parameter and pass. */
  param(p: Param): Var {
    let v = this.paramVars.get(p);
    if (v === undefined) {
      v = this.leaf(p.value, true, p);
      this.paramVars.set(p, v);
    }
    return v;
  }

  /** Used by `apply`: appends an op node. */
  record(
    op: AnyOp,
    vars: readonly Var[],
    inputs: readonly Tensor[],
    attrs: unknown,
    saved: unknown,
    output: Tensor,
  ): Var {
    let requiresGrad = false;
    for (const v of vars) requiresGrad ||= v.requiresGrad;
    const v = new Var(this, this.nodes.length, output, requiresGrad);
    this.nodes.push({
      op,
      vars,
      inputs,
      output,
      attrs,
      saved,
      alloc: this.alloc,
      param: null,
      requiresGrad,
    });
    return v;
  }

  private slot(v: Var): FloatArray {
    let g = this.grads[v.id];
    if (g == null) {
      const node = this.nodes[v.id]!;
      if (node.param !== null) g = node.param.grad;
      else {
        g = this.alloc(v.value.data.length);
        g.fill(0);
      }
      this.grads[v.id] = g;
    }
    return g;
  }

  /**
   * Reverse-mode pass from `root`. The seed ∂L/∂root defaults to ones (so a
   * scalar loss gets 1); pass a vector to get a vector-Jacobian product.
   */
  backward(root: Var, seed?: FloatArray): void {
    this.seedBackward(root, seed);
    try {
      for (let id = root.id; id >= 0; id--) this.backwardNode(id);
    } finally {
      writeDeferredGrad();
    }
  }

  /**
   * The same pass as `backward`, one node at a time: each `next()` runs the
   * backward rule of the next node in reverse topological order and yields
   * its id, so the gradient table can be read between steps. Leaves and
   * nodes the root does not depend on have no rule and are skipped.
   */
  *backwardSteps(root: Var, seed?: FloatArray): Generator<number, void, undefined> {
    this.seedBackward(root, seed);
    for (let id = root.id; id >= 0; id--)
      if (this.backwardNode(id)) {
        writeDeferredGrad(); // the table is read between steps
        yield id;
      }
  }

  private seedBackward(root: Var, seed?: FloatArray): void {
    if (root.tape !== this)
      throw new SpikelabError(
        'INVALID_ARGUMENT',
        'backward: the value was not recorded on this tape',
      );
    this.grads = new Array(this.nodes.length).fill(null);
    const g0 = this.slot(root);
    if (seed) {
      if (seed.length !== g0.length)
        throw new SpikelabError(
          'SHAPE_MISMATCH',
          `backward: seed has ${seed.length} values; allowed: ${g0.length}`,
        );
      for (let i = 0; i < g0.length; i++) g0[i] = g0[i]! + seed[i]!;
    } else {
      for (let i = 0; i < g0.length; i++) g0[i] = g0[i]! + 1;
    }
  }

  /** Runs node `id`'s backward rule if it has one and a gradient; says whether it ran. */
  private backwardNode(id: number): boolean {
    const node = this.nodes[id]!;
    const dy = this.grads[id];
    if (node.op === null || dy == null) return false;
    const zeroed = node.vars.map(
      (v) =>
        v.requiresGrad &&
        this.grads[v.id] == null &&
        this.nodes[v.id]!.param === null &&
        node.vars.filter((u) => u.id === v.id).length === 1,
    );
    const gradsIn = node.vars.map((v) => (v.requiresGrad ? this.slot(v) : null));
    if (!node.op.takesDeferredGrad) writeDeferredGrad();
    node.op.backward(node, dy, gradsIn, zeroed);
    return true;
  }

  /** ∂L/∂v after `backward` (null when v did not influence the root or needs no gradient). */
  grad(v: Var): FloatArray | null {
    return this.grads[v.id] ?? null;
  }

  /** The gradient table's entry of node `id` (null when it has none yet). */
  gradAt(id: number): FloatArray | null {
    return this.grads[id] ?? null;
  }

  /** The recorded nodes in creation order, which is a topological order. */
  nodeList(): TapeNode[] {
    return this.nodes.map((n, id) => ({
      id,
      op: n.op?.name ?? null,
      parents: n.vars.map((v) => v.id),
      value: n.output,
      requiresGrad: n.requiresGrad,
      param: n.param?.name ?? null,
    }));
  }
}

const fresh32: Alloc = (n) => new Float32Array(n);
const fresh64: Alloc = (n) => new Float64Array(n);

/** A value on no tape: operations on it record nothing (inference). */
export function constant(t: Tensor): Var {
  return new Var(null, -1, t, false);
}

/** Runs an op on its inputs, recording it when an input lives on a tape. */
export function apply<A, S>(op: OpDef<A, S>, vars: readonly Var[], attrs: A): Var {
  let tape: Tape | null = null;
  for (const v of vars) {
    if (v.tape === null) continue;
    if (tape !== null && v.tape !== tape) {
      throw new SpikelabError(
        'INVALID_ARGUMENT',
        `${op.name}: inputs come from two different tapes`,
      );
    }
    tape = v.tape;
  }
  const inputs = vars.map((v) => v.value);
  const shape = op.shape(inputs, attrs);
  const alloc =
    tape !== null
      ? tape.alloc
      : inputs.some((t) => t.data instanceof Float64Array)
        ? fresh64
        : fresh32;
  const out = alloc(sizeOf(shape));
  const saved = op.forward(inputs, out, attrs, alloc);
  const ones = op.ones?.(saved) ?? null;
  const output: Tensor = ones ? { shape, data: out, ones } : { shape, data: out };
  if (tape === null) return new Var(null, -1, output, false);
  return tape.record(op, vars, inputs, attrs, saved, output);
}
