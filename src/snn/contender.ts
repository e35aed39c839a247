/**
 * A directly trained spiking network as the comparison's third contender:
 * trained on rate-coded input (a Bernoulli spike per tick with probability
 * x, which the engine's SpikeSourcePoisson at 1,000 Hz and dt 1 ms draws
 * the same way, from its own stream) and read out by output spike counts,
 * as the comparison reads every spiking network. The engine network is
 * engine.ts's with the spike-source array replaced by Poisson sources, so
 * the platforms price it from its engine event counts like the conversion.
 */
import type { PopulationSpec } from '../../sim/network/spec.ts';
import { SpikelabError } from '../core/errors.ts';
import type { Dataset } from '../data/dataset.ts';
import type { SpikingContender } from '../harness/pipeline/spiking-side.ts';
import { engineSpec, layerLabel } from './engine.ts';
import type { SnnNetwork } from './network.ts';
import { type SnnRunResult, trainSnnOnDataset } from './run.ts';
import { type SnnSettings, snnDefaults } from './settings.ts';

/** The data set's defaults, with the coding and readout the comparison's engine runs take. */
export function contenderSettings(dataset: string): SnnSettings {
  return { ...snnDefaults(dataset), encoding: 'rate', readout: 'lif', loss: 'ce-count' };
}

export function contenderOf(
  net: SnnNetwork,
  s: SnnSettings,
  where = 'trained SNN contender',
): SpikingContender {
  if (s.encoding !== 'rate' || net.arch.readout !== 'lif')
    throw new SpikelabError(
      'NOT_APPLICABLE',
      `${where}: encoding ${s.encoding}, readout ${net.arch.readout}; allowed: rate coding and a lif readout (the comparison runs Poisson input and reads spike counts)`,
    );
  const spec = engineSpec(net);
  const poisson: PopulationSpec = {
    label: 'input',
    size: net.arch.inputs,
    model: 'SpikeSourcePoisson',
    params: { rate: 0 },
  };
  spec.populations[0] = poisson;
  const L = net.layers.length;
  const layers = Array.from({ length: L }, (_, l) => layerLabel(l, L));
  const neuron = net.arch.neuron === 'cubalif' ? 'CubaLIF' : 'LIF';
  return {
    id: 'trained-snn',
    label: 'trained spiking network (surrogate gradient)',
    description: `${net.sizes.join('-')} ${neuron} β ${net.arch.beta.toFixed(3)}, ${s.surrogate} surrogate, ${s.ticks} ticks, rate-coded input, ${s.loss}`,
    classifier: {
      origin: 'surrogate-gradient',
      spec,
      input: {
        kind: 'poisson',
        population: 'input',
        features: net.arch.inputs,
        signed: false,
        gain: s.gain,
        maxRateHz: 1000,
        windowTicks: s.ticks,
      },
      layers,
      layerSizes: net.sizes.slice(1),
      binaryOutput: false,
      rateScale: layers.map(() => 1),
      timesteps: s.ticks,
    },
  };
}

/** Trains the contender on `dataset` (its default split with `seed`, as the comparison splits it). */
export function trainContender(
  dataset: Dataset,
  seed: number,
  overrides: Partial<SnnSettings> = {},
): { contender: SpikingContender; result: SnnRunResult } {
  const s = { ...contenderSettings(dataset.name), ...overrides };
  const run = trainSnnOnDataset(dataset, s, seed);
  return { contender: contenderOf(run.model.network, s), result: run.result };
}
