/**
 * The spiking network's workload per sample in NeuroBench's terms, from the
 * engine's counts: every input to a synapse is a spike, so the effective
 * operations are ACs, one per synaptic event; `Dense` is every connection
 * at every time step; membrane updates are the neuron layers' (every
 * integrate-and-fire neuron integrates its bias current each tick). The
 * input encoder is a preprocessing step, as in NeuroBench: its neurons
 * count for neither activation sparsity nor membrane updates (spikelab's
 * own counts include them).
 */
import type { Counts } from '../../../sim/engine/counters.ts';
import type { Network } from '../../../sim/network/network.ts';
import type { SpikingClassifier } from '../convert/spiking-classifier.ts';
import type { AnnNeurobench } from './ann-metrics.ts';

export interface SnnNeurobench extends AnnNeurobench {
  MembraneUpdates: number;
}

export function snnNeurobench(
  classifier: SpikingClassifier,
  net: Network,
  counts: Counts,
  samples: number,
  timesteps: number,
  accuracy: number,
): SnnNeurobench {
  const layer = new Set(classifier.layers);
  let neurons = 0;
  let spikes = 0;
  let updates = 0;
  let biases = 0;
  net.populations.forEach((p, i) => {
    if (!layer.has(p.label)) return;
    neurons += p.size;
    biases += p.size;
    spikes += counts.populations[i]!.spikes;
    updates += counts.populations[i]!.neuronUpdates;
  });
  let possible = 0;
  for (const q of net.projections)
    possible += net.populations[q.pre]!.size * net.populations[q.post]!.size;
  const per = (v: number) => (samples > 0 ? v / samples : 0);
  const slots = neurons * timesteps * samples;
  return {
    // float32 weight per synapse, bias current per neuron, one threshold per layer
    Footprint: 4 * (net.synapses + biases + classifier.layers.length),
    ConnectionSparsity: possible > 0 ? 1 - net.synapses / possible : 0,
    ActivationSparsity: slots > 0 ? 1 - spikes / slots : 0,
    SynapticOperations: {
      Effective_MACs: 0,
      Effective_ACs: per(counts.synapticEvents),
      Dense: possible * timesteps,
    },
    ClassificationAccuracy: accuracy,
    MembraneUpdates: per(updates),
  };
}
