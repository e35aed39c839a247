/**
 * How each projection reaches its target population: through the ring
 * buffer, or as direct input (runtime.ts) added from the previous tick's
 * spikes; and, into a multi-channel model, at which input index.
 */
import type { Network, NeuronPopulation, Projection } from '../network/network.ts';
import type { SimulatorOptions } from './simulator-options.ts';

/**
 * Which populations take direct input (runtime.ts): the model has input
 * variables, no Poisson drive fills ring-buffer slots, every projection into
 * it has a delay of one tick, and delivery is not replaced.
 */
export function directInput(net: Network, opts: SimulatorOptions): boolean[] {
  return net.populations.map(
    (pop, i) =>
      pop.kind === 'neuron' &&
      opts.deliver === undefined &&
      pop.neuron.inputVars !== undefined &&
      (pop.neuron.inputChannels ?? 1) === 1 &&
      pop.poissonInput.length === 0 &&
      net.projections.every((p) => p.post !== i || p.uniformDelay === 1),
  );
}

/** Synaptic events of spikes[from..to) through a projection: the sum of their row lengths. */
export function fanOut(
  proj: Projection,
  spikes: Uint32Array,
  from: number,
  to: number,
  preOffset: number,
) {
  const rowStart = proj.rowStart;
  let events = 0;
  for (let s = from; s < to; s++) {
    const pre = spikes[s]! - preOffset;
    events += rowStart[pre + 1]! - rowStart[pre]!;
  }
  return events;
}

/**
 * A projection into a multi-channel model delivers synapse k into input
 * index target·C + channel (the kernel's neuron-major layout), so the one
 * delivery loop serves every model; other projections are returned as they are.
 */
export function channelTargets(p: Projection, network: Network): Projection {
  if (p.channels === null) return p;
  const c = (network.populations[p.post] as NeuronPopulation).neuron.inputChannels ?? 1;
  const targets = new Uint32Array(p.targets.length);
  for (let k = 0; k < targets.length; k++) targets[k] = p.targets[k]! * c + p.channels[k]!;
  return { ...p, targets };
}
