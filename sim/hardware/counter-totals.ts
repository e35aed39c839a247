/**
 * What a hardware counter's totals per core and per link are, derived from
 * its per-neuron spike counts when a report asks (O(neurons × targets)),
 * so that the per-spike path adds only the totals it must.
 */
import type { TrafficPlan } from './traffic.ts';

export interface CoreTotals {
  spikes: Float64Array;
  synapticEvents: Float64Array;
  packetsSent: Float64Array;
  deliveries: Float64Array;
}

/** Spikes, synaptic events, packets sent and copies delivered per core. */
export function coreTotals(p: TrafficPlan, neuronSpikes: Float64Array): CoreTotals {
  const spikes = new Float64Array(p.cores);
  const synapticEvents = new Float64Array(p.cores);
  const packetsSent = new Float64Array(p.cores);
  const deliveries = new Float64Array(p.cores);
  for (let v = 0; v < p.neurons; v++) {
    const k = neuronSpikes[v]!;
    if (k === 0) continue;
    spikes[p.coreOf[v]!]! += k;
    for (let e = p.eventStart[v]!; e < p.eventStart[v + 1]!; e++)
      synapticEvents[p.eventCore[e]!]! += k * p.eventCount[e]!;
    for (let s = p.sendStart[v]!; s < p.sendStart[v + 1]!; s++) {
      const r = p.sendRoute[s]!;
      packetsSent[p.sendCore[s]!]! += k;
      for (let i = p.routeCoreStart[r]!; i < p.routeCoreStart[r + 1]!; i++)
        deliveries[p.routeCores[i]!]! += k;
    }
    const relays = p.relaySpikes[v]!;
    if (relays > 0) {
      spikes[p.relayCore[v]!]! += k * relays;
      synapticEvents[p.relayCore[v]!]! += k * relays;
    }
  }
  return { spikes, synapticEvents, packetsSent, deliveries };
}

/** Packets that crossed each directed link (index `node * degree + port`). */
export function linkLoads(p: TrafficPlan, neuronSpikes: Float64Array): Float64Array {
  const load = new Float64Array(p.links);
  for (let v = 0; v < p.neurons; v++) {
    const k = neuronSpikes[v]!;
    if (k === 0) continue;
    for (let s = p.sendStart[v]!; s < p.sendStart[v + 1]!; s++) {
      const r = p.sendRoute[s]!;
      for (let i = p.routeLinkStart[r]!; i < p.routeLinkStart[r + 1]!; i++)
        load[p.routeLinks[i]!]! += k;
    }
  }
  return load;
}
