/**
 * A Sequential model: layers applied in order. `forward` works on graph
 * values (training); `predict` runs the inference path in chunks, recording
 * nothing.
 */
import { SpikelabError } from '../core/errors.ts';
import { Rng, type Seed } from '../core/rng.ts';
import { constant, type Param, type Tape, type Var } from './graph.ts';
import type { Activation } from './kernels/activation.ts';
import { Dense } from './layers/dense.ts';
import { Dropout } from './layers/dropout.ts';
import type { Layer, LayerSpec } from './layers/layer.ts';
import { Maxout } from './layers/maxout.ts';
import { Rbf } from './layers/rbf.ts';
import type { Tensor } from './tensor.ts';

export class Sequential {
  readonly layers: readonly Layer[];

  constructor(layers: readonly Layer[]) {
    if (layers.length === 0)
      throw new SpikelabError('INVALID_ARGUMENT', 'layers: got none; allowed: at least one layer');
    for (let i = 1; i < layers.length; i++) {
      if (layers[i]!.inputs !== layers[i - 1]!.outputs) {
        throw new SpikelabError(
          'SHAPE_MISMATCH',
          `layers[${i}].inputs: got ${layers[i]!.inputs}; allowed: ${layers[i - 1]!.outputs} (the outputs of layers[${i - 1}])`,
        );
      }
    }
    this.layers = layers;
  }

  get inputs(): number {
    return this.layers[0]!.inputs;
  }

  get outputs(): number {
    return this.layers[this.layers.length - 1]!.outputs;
  }

  get params(): Param[] {
    return this.layers.flatMap((l) => l.params);
  }

  /** Number of trainable scalars. */
  get parameterCount(): number {
    return this.params.reduce((s, p) => s + p.size, 0);
  }

  forward(x: Var, tape: Tape | null = null): Var {
    let h = x;
    for (const layer of this.layers) h = layer.forward(h, tape);
    return h;
  }

  /** Outputs for rows of `x` [n, inputs], `chunk` rows at a time, without recording. */
  predict(x: Tensor, chunk = 1024): Tensor {
    const [n, d] = x.shape as [number, number];
    if (x.shape.length !== 2 || d !== this.inputs) {
      throw new SpikelabError(
        'SHAPE_MISMATCH',
        `predict: input has shape [${x.shape.join(', ')}]; allowed: [n, ${this.inputs}]`,
      );
    }
    const out = new Float32Array(n * this.outputs);
    for (let start = 0; start < n; start += chunk) {
      const rows = Math.min(chunk, n - start);
      const xs = constant({
        shape: [rows, d],
        data: x.data.subarray(start * d, (start + rows) * d),
      });
      out.set(this.forward(xs).data, start * this.outputs);
    }
    return { shape: [n, this.outputs], data: out };
  }
}

/** Builds a layer from its spec with weights drawn from `rng`. */
export function buildLayer(spec: LayerSpec, rng: Rng): Layer {
  switch (spec.type) {
    case 'dense':
      return new Dense(spec.inputs, spec.units, spec.activation, rng, spec.alpha ?? 0.01);
    case 'maxout':
      return new Maxout(spec.inputs, spec.units, spec.k, rng);
    case 'rbf':
      return new Rbf(spec.inputs, spec.units, rng);
    case 'dropout':
      return new Dropout(spec.inputs, spec.rate, rng);
  }
}

export interface MlpOptions {
  inputs: number;
  hidden: readonly number[];
  outputs: number;
  activation?: Activation;
  /** Negative slope for leaky ReLU (default 0.01). */
  alpha?: number;
  /** Dropout rate after each hidden layer while training (default 0: none). */
  dropout?: number;
  /** Activation of the output layer (default identity: losses take logits). */
  outputActivation?: Activation;
  seed: Seed;
}

/**
 * A multilayer perceptron; layer i draws its weights from the stream `layer-i`
 * of the seed, and its dropout masks from `dropout-i`.
 */
export function mlp(o: MlpOptions): Sequential {
  const rng = new Rng(o.seed);
  const sizes = [o.inputs, ...o.hidden, o.outputs];
  const layers: Layer[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    const last = i + 2 === sizes.length;
    layers.push(
      new Dense(
        sizes[i]!,
        sizes[i + 1]!,
        last ? (o.outputActivation ?? 'identity') : (o.activation ?? 'relu'),
        rng.derive(`layer-${i}`),
        o.alpha ?? 0.01,
      ),
    );
    const rate = o.dropout ?? 0;
    if (!last && rate > 0)
      layers.push(new Dropout(sizes[i + 1]!, rate, rng.derive(`dropout-${i}`)));
  }
  return new Sequential(layers);
}
