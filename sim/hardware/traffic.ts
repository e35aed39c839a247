/**
 * Everything the spike counter needs, precomputed once after placement as
 * CSR arrays, so that counting a spike walks a few typed-array rows and
 * allocates nothing:
 * - per source neuron: the packets it sends (source core, route) and the
 *   synaptic events it causes on each target core;
 * - per route: delivery cores, tree links, hops per axis, chip crossings;
 * - hardware-only work: relay ("splitter") neurons that repeat a spike to
 *   several targets where a neuron may only have one (TrueNorth).
 */

import { SpikelabError } from '../../src/core/errors.ts';
import type { Connectivity } from './connectivity.ts';
import { GrowableU32 } from './growable.ts';
import { describePopulation, describeProjection, type NetworkShape } from './network-shape.ts';
import type { Placement } from './placement.ts';
import type { Platform } from './platform.ts';
import { RouteBuilder } from './routes.ts';

/** Relay neurons for sources whose targets exceed one (core, delay): see truenorth/map/relays.ts. */
export interface RelayPlan {
  /** Logical core holding each neuron's splitters, or −1 when it sends directly. */
  readonly relayCoreOf: Int32Array;
  /** Splitter neurons per relayed neuron (one per distinct target (core, delay)). */
  readonly splitters: Uint32Array;
  /** Number of relay cores (numbered after the network's cores). */
  readonly relayCores: number;
  readonly relayNeuronsOnCore: Uint32Array;
}

export interface TrafficPlan {
  readonly neurons: number;
  readonly cores: number;
  readonly links: number;
  readonly coreOf: Int32Array;
  /** Packets sent per spike of each neuron: sendStart CSR over sendRoute/sendCore. */
  readonly sendStart: Uint32Array;
  readonly sendRoute: Uint32Array;
  readonly sendCore: Uint32Array;
  readonly routeCoreStart: Uint32Array;
  readonly routeCores: Uint32Array;
  readonly routeLinkStart: Uint32Array;
  readonly routeLinks: Uint32Array;
  /** Hops of each route along axes 0, 1, 2 (three per route). */
  readonly routeHopsAxis: Uint32Array;
  readonly routeChipCrossings: Uint32Array;
  /** Synaptic events per spike of each neuron on each target core: eventStart CSR. */
  readonly eventStart: Uint32Array;
  readonly eventCore: Uint32Array;
  readonly eventCount: Uint32Array;
  /** Per spike of each neuron: packets, copies delivered, hops per axis, chip crossings, synaptic events. */
  readonly perSpike: {
    readonly packets: Uint32Array;
    readonly deliveries: Uint32Array;
    /** Three per neuron: axis 0, 1, 2. */
    readonly hopsAxis: Uint32Array;
    readonly chipCrossings: Uint32Array;
    readonly synapticEvents: Uint32Array;
  };
  /** Extra spikes and synaptic events of relay neurons per spike of each neuron. */
  readonly relaySpikes: Uint32Array;
  readonly relayCore: Int32Array;
  /** Neuron updates per tick on each core (spike sources excluded, relays included). */
  readonly updatesPerCore: Uint32Array;
  /** 1 for a neuron updated every tick, 0 for a spike source. */
  readonly updated: Uint8Array;
  readonly updatesPerTick: number;
  /** The network's own neuron updates per tick (relays excluded), as the engine counts them. */
  readonly networkUpdatesPerTick: number;
  /** Core-to-core fan-out edges of each core. */
  readonly fanOutEdges: Uint32Array;
  readonly routingEntriesPerChip: Uint32Array;
}

export interface TrafficOptions {
  /** Populations that are spike sources: placed, but not updated each tick. */
  readonly sources?: readonly number[];
  readonly relays?: RelayPlan;
}

/** Message naming a neuron and the projections it sends on. */
function neuronName(net: NetworkShape, conn: Connectivity, v: number): string {
  const pop = conn.populationOf[v]!;
  const local = v - net.populations[pop]!.offset;
  const ks = new Set<number>();
  for (let e = conn.outStart[v]!; e < conn.outStart[v + 1]!; e++) ks.add(conn.outProjection[e]!);
  const via = [...ks].map((k) => describeProjection(net, k)).join(', ');
  return `neuron ${local} of ${describePopulation(net, pop)}${via ? ` (${via})` : ''}`;
}

export function buildTraffic(
  net: NetworkShape,
  conn: Connectivity,
  placement: Placement,
  platform: Platform,
  options: TrafficOptions = {},
): TrafficPlan {
  const n = conn.neurons;
  const cores = placement.totalCores;
  const coreOf = placement.coreOf;
  const cap = platform.capacity;
  const relays = options.relays;
  const delaySlots = cap.axonKey === 'neuron-delay' ? (cap.maxDelayTicks ?? 0) + 1 : 1;

  // Pass 1: per neuron, the synaptic events on each target core and its distinct
  // target keys (cores, or (core, delay) pairs where the delay is set by the sender).
  const coreStamp = new Int32Array(cores);
  const coreCount = new Uint32Array(cores);
  const keyStamp = new Int32Array(cores * delaySlots);
  const touched = new Int32Array(cores);
  const eventStart = new Uint32Array(n + 1);
  const eventCoreG = new GrowableU32(n);
  const eventCountG = new GrowableU32(n);
  const keyStart = new Uint32Array(n + 1);
  const keysG = new GrowableU32(n);
  const fanOutEdges = new Uint32Array(cores);
  for (let v = 0; v < n; v++) {
    const stamp = v + 1;
    let nt = 0;
    for (let e = conn.outStart[v]!; e < conn.outStart[v + 1]!; e++) {
      const c = coreOf[conn.outTarget[e]!]!;
      if (coreStamp[c] !== stamp) {
        coreStamp[c] = stamp;
        coreCount[c] = 0;
        touched[nt++] = c;
      }
      coreCount[c]!++;
      const key = delaySlots === 1 ? c : c * delaySlots + conn.outDelay[e]!;
      if (keyStamp[key] !== stamp) {
        keyStamp[key] = stamp;
        keysG.push(key);
      }
    }
    for (let i = 0; i < nt; i++) {
      eventCoreG.push(touched[i]!);
      eventCountG.push(coreCount[touched[i]!]!);
    }
    eventStart[v + 1] = eventCoreG.length;
    keyStart[v + 1] = keysG.length;
    fanOutEdges[coreOf[v]!]! += nt;
  }
  const eventCore = eventCoreG.toArray();
  const eventCount = eventCountG.toArray();
  const keys = keysG.toArray();

  if (cap.fanOutEdgesPerCore !== null) {
    for (let c = 0; c < placement.cores; c++) {
      if (fanOutEdges[c]! > cap.fanOutEdgesPerCore) {
        throw new SpikelabError(
          'CONSTRAINT_VIOLATION',
          `${platform.name}: core ${c} sends on ${fanOutEdges[c]} core-to-core fan-out edges; allowed: at most ${cap.fanOutEdgesPerCore} per core. Its neurons target too many cores: place fewer neurons per core or reduce their fan-out.`,
        );
      }
    }
  }

  // Pass 2: packets and their routes.
  const routes = new RouteBuilder(placement.layout, placement.coreNode);
  const sendStart = new Uint32Array(n + 1);
  const sendRoute = new GrowableU32(n);
  const sendCore = new GrowableU32(n);
  const relaySpikes = new Uint32Array(n);
  const relayCore = new Int32Array(n).fill(-1);
  const single = new Int32Array(1);
  const pairRoute = new Map<number, number>();
  /** One-target route, shared by every sender on the same core pair. */
  const pair = (src: number, dst: number): number => {
    const k = src * cores + dst;
    let r = pairRoute.get(k);
    if (r === undefined) {
      single[0] = dst;
      r = routes.add(src, single, 1);
      pairRoute.set(k, r);
    }
    return r;
  };
  const send = (src: number, route: number) => {
    sendCore.push(src);
    sendRoute.push(route);
  };

  if (cap.targetCoresPerNeuron !== null) {
    // One output target per neuron: direct, or through relay neurons.
    for (let v = 0; v < n; v++) {
      const nk = keyStart[v + 1]! - keyStart[v]!;
      const src = coreOf[v]!;
      if (nk === 1) {
        send(src, pair(src, Math.floor(keys[keyStart[v]!]! / delaySlots)));
      } else if (nk > 1) {
        const rc = relays ? relays.relayCoreOf[v]! : -1;
        if (rc < 0) {
          throw new SpikelabError(
            'CONSTRAINT_VIOLATION',
            `${platform.name}: ${neuronName(net, conn, v)} sends to ${nk} distinct (core, delay) targets; allowed: ${cap.targetCoresPerNeuron} target axon per neuron (Merolla et al. 2014 §S4). Map it with relay neurons or reduce its fan-out.`,
          );
        }
        send(src, pair(src, rc));
        for (let k = keyStart[v]!; k < keyStart[v + 1]!; k++) {
          send(rc, pair(rc, Math.floor(keys[k]! / delaySlots)));
        }
        relaySpikes[v] = nk;
        relayCore[v] = rc;
      }
      sendStart[v + 1] = sendRoute.length;
    }
  } else if (platform.routeGranularity === 'neuron') {
    for (let v = 0; v < n; v++) {
      const a = eventStart[v]!;
      const b = eventStart[v + 1]!;
      if (b > a) send(coreOf[v]!, routes.add(coreOf[v]!, eventCore.subarray(a, b), b - a));
      sendStart[v + 1] = sendRoute.length;
    }
  } else {
    // One key per source core: its route is the union of its neurons' targets.
    const coreRoute = new Int32Array(cores).fill(-1);
    const members = new Uint32Array(placement.cores + 1);
    for (let v = 0; v < n; v++) members[coreOf[v]! + 1]!++;
    for (let c = 0; c < placement.cores; c++) members[c + 1]! += members[c]!;
    const byCore = new Uint32Array(n);
    const fill = members.slice(0, placement.cores);
    for (let v = 0; v < n; v++) byCore[fill[coreOf[v]!]!++] = v;
    coreStamp.fill(0);
    for (let c = 0; c < placement.cores; c++) {
      let nt = 0;
      for (let i = members[c]!; i < members[c + 1]!; i++) {
        const v = byCore[i]!;
        for (let e = eventStart[v]!; e < eventStart[v + 1]!; e++) {
          const t = eventCore[e]!;
          if (coreStamp[t] !== c + 1) {
            coreStamp[t] = c + 1;
            touched[nt++] = t;
          }
        }
      }
      if (nt > 0) coreRoute[c] = routes.add(c, touched, nt);
    }
    for (let v = 0; v < n; v++) {
      const r = coreRoute[coreOf[v]!]!;
      if (r >= 0) send(coreOf[v]!, r);
      sendStart[v + 1] = sendRoute.length;
    }
  }

  const updatesPerCore = new Uint32Array(cores);
  const updated = new Uint8Array(n);
  const sources = new Set(options.sources ?? []);
  let networkUpdatesPerTick = 0;
  for (let v = 0; v < n; v++) {
    if (!sources.has(conn.populationOf[v]!)) {
      updated[v] = 1;
      updatesPerCore[coreOf[v]!]!++;
      networkUpdatesPerTick++;
    }
  }
  if (relays) {
    for (let r = 0; r < relays.relayCores; r++) {
      updatesPerCore[placement.cores + r]! += relays.relayNeuronsOnCore[r]!;
    }
  }
  let updatesPerTick = 0;
  for (let c = 0; c < cores; c++) updatesPerTick += updatesPerCore[c]!;

  // Everything a spike causes is fixed per neuron: sum it once here, so the
  // counter adds a handful of numbers per spike instead of walking routes.
  const routeCoreStart = routes.coreStart.toArray();
  const routeHopsAxis = routes.hopsAxis.toArray();
  const routeChipCrossings = routes.chipCrossings.toArray();
  const sendRouteA = sendRoute.toArray();
  const perSpike = {
    packets: new Uint32Array(n),
    deliveries: new Uint32Array(n),
    hopsAxis: new Uint32Array(3 * n),
    chipCrossings: new Uint32Array(n),
    synapticEvents: new Uint32Array(n),
  };
  for (let v = 0; v < n; v++) {
    perSpike.packets[v] = sendStart[v + 1]! - sendStart[v]!;
    for (let k = sendStart[v]!; k < sendStart[v + 1]!; k++) {
      const r = sendRouteA[k]!;
      perSpike.deliveries[v]! += routeCoreStart[r + 1]! - routeCoreStart[r]!;
      for (let a = 0; a < 3; a++) perSpike.hopsAxis[3 * v + a]! += routeHopsAxis[3 * r + a]!;
      perSpike.chipCrossings[v]! += routeChipCrossings[r]!;
    }
    for (let e = eventStart[v]!; e < eventStart[v + 1]!; e++)
      perSpike.synapticEvents[v]! += eventCount[e]!;
  }

  return {
    neurons: n,
    cores,
    links: placement.layout.topology.nodes * placement.layout.topology.degree,
    coreOf,
    sendStart,
    sendRoute: sendRouteA,
    sendCore: sendCore.toArray(),
    routeCoreStart,
    routeCores: routes.cores.toArray(),
    routeLinkStart: routes.linkStart.toArray(),
    routeLinks: routes.links.toArray(),
    routeHopsAxis,
    routeChipCrossings,
    perSpike,
    eventStart,
    eventCore,
    eventCount,
    relaySpikes,
    relayCore,
    updatesPerCore,
    updated,
    updatesPerTick,
    networkUpdatesPerTick,
    fanOutEdges,
    routingEntriesPerChip: routes.entriesPerChip,
  };
}
