/**
 * A network read from a NIR file as a spiking classifier, to sit beside the
 * conversion in `compare` (origin 'import'). Each step runs on one 1 ms tick.
 * Input coding, stated in the report's encoding:
 *   current: each feature × gain is a constant value every step, entering a
 *     population the NIR Input feeds through a uniform scale (Identity,
 *     Flatten, Scale); spikelab's own classifier exports have this form.
 *   poisson: the NIR Input becomes Poisson sources, rate x × gain × maxRateHz
 *     (input spikes as unit values in one step, as the frameworks feed them).
 * The population the Output node reads is the readout (relabelled `output`).
 */
import type { NirNetwork } from '../../../sim/io/nir/to-network.ts';
import type { NetworkSpec } from '../../../sim/network/spec.ts';
import { SpikelabError } from '../../core/errors.ts';
import type { EncodingName, SpikingClassifier } from './spiking-classifier.ts';

export interface NirClassifierOptions {
  features: number;
  encoding: EncodingName;
  /** poisson: the factor on a feature before coding (1 / the largest training value maps it to maxRateHz). */
  gain: number;
  maxRateHz: number;
}

function relabel(spec: NetworkSpec, from: string, to: string): NetworkSpec {
  if (from === to) return spec;
  if (spec.populations.some((p) => p.label === to))
    throw new SpikelabError(
      'NOT_APPLICABLE',
      `a population is already called ${to}; allowed: a NIR graph without a neuron node of that name`,
    );
  const rename = (x: string | number) => (x === from ? to : x);
  return {
    ...spec,
    populations: spec.populations.map((p) => (p.label === from ? { ...p, label: to } : p)),
    projections: spec.projections.map((p) => ({ ...p, pre: rename(p.pre), post: rename(p.post) })),
  };
}

export function nirClassifier(
  path: string,
  net: NirNetwork,
  o: NirClassifierOptions,
): SpikingClassifier {
  if (net.inputs.length !== 1 || net.inputs[0]!.size !== o.features) {
    throw new SpikelabError(
      'SHAPE_MISMATCH',
      `${path}: inputs ${net.inputs.map((i) => `${i.name} (${i.size})`).join(', ')}; allowed: one Input of ${o.features} values, the data set's features`,
    );
  }
  const readout = net.outputs.map((x) => x.population);
  if (readout.length !== 1 || !net.populations.find((p) => p.name === readout[0])?.spiking) {
    throw new SpikelabError(
      'NOT_APPLICABLE',
      `${path}: Output nodes read ${readout.join(', ') || 'nothing'}; allowed: one Output reading a spiking population (the class is its most active neuron)`,
    );
  }
  const input = net.inputs[0]!.name;
  let spec = relabel(net.spec, readout[0]!, 'output');
  let population = input;
  let gain = o.gain;
  if (o.encoding === 'current') {
    const feeds = net.inputFeeds;
    if (feeds.length !== 1 || feeds[0]!.gain === null) {
      throw new SpikelabError(
        'NOT_APPLICABLE',
        `${path}: the Input ${input} reaches ${feeds.map((f) => f.population).join(', ')} through weights, not one uniform scale: a constant current per sample cannot be set; allowed: --encoding poisson`,
      );
    }
    population = feeds[0]!.population === readout[0] ? 'output' : feeds[0]!.population;
    gain = feeds[0]!.gain;
  } else if (o.encoding === 'poisson') {
    spec = {
      ...spec,
      populations: spec.populations.map((p) =>
        p.label === input
          ? { label: input, size: p.size, model: 'SpikeSourcePoisson', params: { rate: 0 } }
          : p,
      ),
    };
  } else {
    throw new SpikelabError(
      'NOT_APPLICABLE',
      `--encoding ${o.encoding}: a NIR classifier takes current or poisson`,
    );
  }
  const latency = new Map(
    net.populations.map((p) => [p.name === readout[0] ? 'output' : p.name, p.latencyTicks]),
  );
  const layers = spec.populations
    .filter(
      (p) =>
        p.model !== 'SpikeSourceArray' &&
        p.model !== 'SpikeSourcePoisson' &&
        p.label !== population,
    )
    .sort((a, b) =>
      a.label === 'output'
        ? 1
        : b.label === 'output'
          ? -1
          : latency.get(a.label)! - latency.get(b.label)!,
    );
  return {
    origin: 'import',
    spec: { ...spec, dt: 1 },
    input: {
      kind: o.encoding,
      population,
      features: o.features,
      signed: false,
      gain,
      maxRateHz: o.maxRateHz,
      windowTicks: 1,
    },
    layers: layers.map((p) => p.label),
    layerSizes: layers.map((p) => p.size),
    binaryOutput: layers[layers.length - 1]!.size === 1,
    rateScale: layers.map(() => 1),
  };
}
