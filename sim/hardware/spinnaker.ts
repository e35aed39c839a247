/**
 * SpiNNaker 1 and SpiNNaker 2 as two parameter sets of one model: cores on
 * chips, chips on a 2-D triangular torus with six links each, one multicast
 * packet per spike keyed by its source core and routed by per-chip tables.
 */

import { spinnaker1Energy, spinnaker2Energy } from '../energy/spinnaker.ts';
import type { Platform } from './platform.ts';

/**
 * sPyNNaker's standard neuron models place at most 256 neurons per core
 * (255 in older releases: HBP Neuromorphic Platform guidebook,
 * "a limitation of 255 neurons per core").
 */
const SPINNAKER_NEURONS_PER_CORE = 256;
/** 18 ARM968 cores per chip, 16 for applications (Furber et al. 2014, Proc. IEEE 102:652). */
const SPINNAKER_APP_CORES = 16;
/**
 * 1,024 multicast router entries, 1,023 writable by applications: "The maximum
 * number of router entries we can write. A hardware constraint for SpiNNaker 1
 * chips" (SpiNNakerManchester JavaSpiNNaker, MulticastRoutes message).
 */
const SPINNAKER_ROUTING_ENTRIES = 1023;
/**
 * Stromatias et al. 2013 (IJCNN) abstract: 1.8 billion synaptic events per
 * second in real time on a 48-chip board. Per application core and 1 ms tick:
 * 1.8e9 / (48 × 16) / 1000 = 2,343 (derived). A demonstrated load, so a lower
 * bound of what a core can do, not a measured ceiling.
 */
const SPINNAKER_EVENTS_PER_CORE_TICK = Math.floor(1.8e9 / (48 * SPINNAKER_APP_CORES) / 1000);

export const spinnaker: Platform = {
  id: 'spinnaker',
  name: 'SpiNNaker 1',
  capacity: {
    neuronsPerCore: SPINNAKER_NEURONS_PER_CORE,
    axonsPerCore: null,
    axonKey: 'neuron',
    targetCoresPerNeuron: null,
    fanOutEdgesPerCore: null,
    synapsesPerCore: null,
    maxDelayTicks: null,
    coresPerNode: SPINNAKER_APP_CORES,
    nodesPerChipX: 1,
    nodesPerChipY: 1,
    routingEntriesPerChip: SPINNAKER_ROUTING_ENTRIES,
    onePopulationPerCore: true,
  },
  timing: { tickMs: 1, synapticEventsPerCoreTick: SPINNAKER_EVENTS_PER_CORE_TICK },
  topology: 'triangular-torus',
  routeGranularity: 'core',
  energy: spinnaker1Energy,
  sources: {
    'capacity.neuronsPerCore': 'sPyNNaker standard models; 255 in older releases (HBP guidebook)',
    'capacity.coresPerNode':
      'Furber et al. 2014, Proc. IEEE 102:652: 18 cores, 16 for applications (as quoted; not re-read)',
    'capacity.routingEntriesPerChip':
      'SpiNNakerManchester JavaSpiNNaker: 1,024 entries, 1,023 writable',
    'capacity.onePopulationPerCore': 'sPyNNaker maps one population slice per core',
    'timing.tickMs': 'Furber et al. 2014: 1 ms real-time tick',
    'timing.synapticEventsPerCoreTick':
      'derived from Stromatias et al. 2013 (IJCNN) abstract: 1.8e9 events/s on 48 chips',
    topology:
      'six inter-chip links on a 2-D triangular torus (Furber et al. 2014, as quoted; secondary)',
  },
};

/**
 * SpiNNaker 2 (Höppner et al. 2021, arXiv:2103.08392, as quoted; the paper
 * was not re-read here): 152 Cortex-M4F processing elements
 * per chip, 16,384 routing entries, six chip links. No published limit of
 * neurons per processing element or per-core event budget was found: the
 * neuron limit below is SpiNNaker 1's, assumed, and the real-time budget is
 * left unknown (the verdict is then `null`).
 */
export const spinnaker2: Platform = {
  id: 'spinnaker2',
  name: 'SpiNNaker 2',
  capacity: {
    ...spinnaker.capacity,
    neuronsPerCore: SPINNAKER_NEURONS_PER_CORE,
    coresPerNode: 152,
    routingEntriesPerChip: 16384,
  },
  timing: { tickMs: 1, synapticEventsPerCoreTick: null },
  topology: 'triangular-torus',
  routeGranularity: 'core',
  energy: spinnaker2Energy,
  sources: {
    'capacity.neuronsPerCore': 'assumed equal to SpiNNaker 1 (no published per-PE limit found)',
    'capacity.coresPerNode': 'Höppner et al. 2021, arXiv:2103.08392 (secondary)',
    'capacity.routingEntriesPerChip': 'Höppner et al. 2021 (secondary)',
    'timing.synapticEventsPerCoreTick': 'unknown: not published',
    topology:
      'six chip links (Höppner et al. 2021, secondary); torus wiring assumed as on SpiNNaker 1',
  },
};
