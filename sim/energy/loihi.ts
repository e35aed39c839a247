/**
 * Loihi energy per event, Davies et al. 2018, IEEE Micro 38(1):82, Table 2
 * ("Loihi pre-silicon performance and energy measurements", p. 96): SDF and
 * SPICE simulation, "consistent with early post-silicon characterization".
 * Figures checked against a verbatim transcription of Table 2.
 *
 * Mapping of our counts to Table 2 rows (modelling choices, stated):
 * - every neuron update costs the *inactive* 52 pJ; a neuron that spikes in
 *   the tick is taken to be *active* and pays the 29 pJ difference as `spike`;
 * - every packet copy delivered to a core pays the within-tile spike energy
 *   (1.7 pJ), and every tile-to-tile hop its E–W or N–S energy.
 */

import type { EnergyTable } from './cost-table.ts';
import { included, unknownCost } from './cost-table.ts';
import type { BusiestCoreTime } from './time-model.ts';

const T2 = 'Davies et al. 2018, IEEE Micro 38:82, Table 2 (pre-silicon)';

/**
 * Loihi has no global clock: "the mesh may operate unthrottled, proceeding
 * as fast as the communication patterns in the workload allow. The latter
 * results in each timestep consuming varying amounts of real time" (Davies
 * et al. 2021, Proc. IEEE 109:911, §II-A). A time step lasts its busiest
 * core's work at Table 2's times per event, then the mesh-wide barrier.
 * Spike routing latency (2.1 ns within a tile, 4.1 / 6.5 ns per hop) is
 * pipelined with the cores' work and not added.
 */
export const LOIHI_TIME: BusiestCoreTime = {
  kind: 'busiest-core',
  synapticEvent: {
    value: 3.5e-9,
    status: 'verified',
    source: T2,
    note: '"Time per synaptic spike op (max) 3.5 ns": a maximum, so step times are upper bounds per op',
  },
  neuronUpdate: {
    value: 5.3e-9,
    status: 'verified',
    source: T2,
    note: '"Time per neuron update (active / inactive) 8.4 ns / 5.3 ns": every neuron, every step',
  },
  spike: {
    value: 8.4e-9 - 5.3e-9,
    status: 'derived',
    source: T2,
    note: 'active − inactive neuron update (8.4 − 5.3 ns), for a neuron that spikes in the step',
  },
  barrierOneTile: {
    value: 113e-9,
    status: 'verified',
    source: T2,
    note: '"Mesh-wide barrier sync time (1-32 tiles) 113-465 ns"',
  },
  barrierOneChip: { value: 465e-9, status: 'verified', source: T2, note: '32 tiles' },
  tilesPerChip: 32,
};

export const loihiEnergy: EnergyTable = {
  id: 'loihi',
  name: 'Intel Loihi (14 nm), pre-silicon per-event energies',
  source:
    'Davies et al. 2018 (IEEE Micro) Table 2; static power from Frady et al. 2020 (NICE) Table 1 (secondary)',
  perEvent: {
    synapticEvent: {
      joules: 23.6e-12,
      status: 'verified',
      source: T2,
      note: '"Energy per synaptic spike op (min)": a minimum, so estimates are low',
    },
    neuronUpdate: {
      joules: 52e-12,
      status: 'verified',
      source: T2,
      note: '"Energy per neuron update (active / inactive) 81 pJ / 52 pJ": inactive value',
    },
    spike: {
      joules: 29e-12,
      status: 'assumed',
      source: T2,
      note: 'active − inactive neuron update (81 − 52 pJ), charged to neurons that spike',
    },
    delivery: {
      joules: 1.7e-12,
      status: 'verified',
      source: T2,
      note: '"Within-tile spike energy 1.7 pJ", charged per packet copy delivered to a core',
    },
    hopEastWest: { joules: 3.0e-12, status: 'verified', source: T2, note: 'tile hop E–W' },
    hopNorthSouth: { joules: 4.0e-12, status: 'verified', source: T2, note: 'tile hop N–S' },
    packet: included(T2, 'priced per delivery and per hop'),
    chipCrossing: unknownCost('no published chip-to-chip energy per spike in Davies et al. 2018'),
  },
  staticWattsPerChip: {
    joules: 3.34 / 32,
    status: 'secondary',
    source:
      'Frady et al. 2020 (NICE, arXiv:2004.12691) Table 1 "Static 3.34 W" for a 32-chip board, as transcribed in a public research note',
    note: '3.34 W / 32 chips = 104 mW per chip, leakage with all circuits powered; "almost all leakage can be attributed to the neuromorphic cores" (same paper, §5.2)',
  },
  coresPerChip: {
    count: 128,
    source: 'Davies et al. 2018, IEEE Micro 38:82, p. 86: 128 neuromorphic cores',
  },
  time: LOIHI_TIME,
};
