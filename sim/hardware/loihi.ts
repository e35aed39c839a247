/**
 * Intel Loihi (first generation). Capacities from Davies et al. 2018 (IEEE
 * Micro 38:82, constraints on p. 89; Table 2), checked against a verbatim
 * transcription. The tile layout (8 × 4 tiles of 4 cores) is that of the
 * SANA-FE simulator's Loihi description (Boyle et al. 2025, IEEE TCAD 44:3165;
 * `arch/loihi.yaml`), a secondary source.
 */

import { loihiEnergy } from '../energy/loihi.ts';
import type { Platform } from './platform.ts';

const D18 = 'Davies et al. 2018, IEEE Micro 38:82';

/**
 * Real-time budget: "Time per synaptic spike op (max) 3.5 ns" (Table 2), so a
 * core finishes 1 ms / 3.5 ns = 285,714 synaptic operations in a 1 ms
 * timestep (derived; neuron-update time ignored).
 */
const LOIHI_EVENTS_PER_CORE_TICK = Math.floor(1e-3 / 3.5e-9);

export const loihi: Platform = {
  id: 'loihi',
  name: 'Intel Loihi',
  capacity: {
    /** "The total number of neurons assigned to any core may not exceed 1,024 (Ncx)." */
    neuronsPerCore: 1024,
    /** "The total number of distribution lists … in any core must not exceed 4,096 (Naxin)." */
    axonsPerCore: 4096,
    axonKey: 'neuron',
    targetCoresPerNeuron: null,
    /** "The total number of core-to-core fan-out edges mapped to any given core must not exceed 4,096 (Naxout)." */
    fanOutEdgesPerCore: 4096,
    synapsesPerCore: null,
    /** Synaptic delay field 6 bits unsigned (Table 1): 0–63; delays here are ≥ 1 tick. */
    maxDelayTicks: 63,
    coresPerNode: 4,
    nodesPerChipX: 8,
    nodesPerChipY: 4,
    routingEntriesPerChip: null,
    onePopulationPerCore: false,
  },
  timing: { tickMs: 1, synapticEventsPerCoreTick: LOIHI_EVENTS_PER_CORE_TICK },
  topology: 'mesh',
  routeGranularity: 'neuron',
  energy: loihiEnergy,
  sources: {
    'capacity.neuronsPerCore': `${D18} p. 89, constraint 1`,
    'capacity.axonsPerCore': `${D18} p. 89, constraint 4`,
    'capacity.fanOutEdgesPerCore': `${D18} p. 89, constraint 3`,
    'capacity.maxDelayTicks': `${D18} Table 1 (6-bit delay)`,
    'capacity.coresPerNode': 'SANA-FE arch/loihi.yaml: 32 tiles × 4 cores (secondary)',
    'capacity.nodesPerChip': `SANA-FE arch/loihi.yaml: 8 × 4 tile mesh (secondary); 128 cores per chip in ${D18}`,
    'capacity.synapsesPerCore': `${D18} p. 89, constraint 2: 128 KB synaptic state, compression-dependent: not modelled`,
    'timing.tickMs':
      'Davies et al. 2021, Proc. IEEE 109:911: "one millisecond per timestep is common" when throttled',
    'timing.synapticEventsPerCoreTick': `derived from ${D18} Table 2: 3.5 ns per synaptic op (max)`,
    topology: 'on-chip mesh extended across chips in four planar directions (Davies 2018 p. 86)',
  },
};
