/**
 * SpiNNaker energy: the linear power model of Stromatias et al. 2013 (IJCNN,
 * "Power analysis of large-scale, real-time neural networks on SpiNNaker"):
 * idle power + energy per neuron update + energy per synaptic event.
 *
 * Provenance, plainly: the 2013 paper's own table could not be read here. The
 * per-event coefficients below are the SpiNNaker 1 figures of the comparison
 * in Höppner et al. 2019 (IEEE TCAS-I 66(8):2973, arXiv:1903.08941), as
 * quoted by Nengo's keras-spiking (`keras_spiking/model_energy.py`, device
 * "spinnaker"). The idle power per chip is Painkras et al. 2013 (IEEE JSSC
 * 48:1943) as quoted by SpiNNaker's own software (SpiNNFrontEndCommon,
 * `compute_energy_used.py`, MILLIWATTS_PER_IDLE_CHIP). All three are marked
 * `secondary`. Published secondary figures for "energy per synaptic event"
 * range from 8 to 110 nJ depending on what they include; whole-system
 * measurements on the cortical microcircuit give 4.4 µJ (van Albada et al.
 * 2018) and 0.6 µJ (Rhodes et al. 2019) per synaptic event including boards,
 * host links and idle cores.
 *
 * SpiNNaker 2: no per-event energy of the 22 nm chip (Höppner et al. 2021,
 * arXiv:2103.08392) was found, so its table prices nothing. The 28 nm
 * prototype figures of Höppner et al. 2019 are kept in a separate table so
 * that nobody mistakes them for the production chip.
 */

import type { EnergyTable } from './cost-table.ts';
import { included, unknownCost } from './cost-table.ts';
import type { FixedTickTime } from './time-model.ts';

const HOPPNER_2019 =
  'Höppner et al. 2019, IEEE TCAS-I 66:2973 (arXiv:1903.08941), comparison table; quoted by nengo/keras-spiking model_energy.py';
const PAINKRAS_2013 =
  'Painkras et al. 2013, IEEE JSSC 48:1943; quoted by SpiNNFrontEndCommon compute_energy_used.py';

/** sPyNNaker runs a 1 ms timer tick in real time (Furber et al. 2014, Proc. IEEE 102:652). */
const REAL_TIME_TICK: FixedTickTime = {
  kind: 'fixed-tick',
  tick: { value: 1e-3, status: 'verified', source: 'Furber et al. 2014, Proc. IEEE 102:652' },
};

export const spinnaker1Energy: EnergyTable = {
  id: 'spinnaker',
  name: 'SpiNNaker 1 (130 nm, ARM968), linear power model',
  source:
    'Stromatias et al. 2013 (IJCNN) linear model; coefficients as quoted from Höppner et al. 2019 and Painkras et al. 2013 (secondary)',
  perEvent: {
    neuronUpdate: { joules: 26e-9, status: 'secondary', source: HOPPNER_2019 },
    synapticEvent: { joules: 13.3e-9, status: 'secondary', source: HOPPNER_2019 },
    spike: included(HOPPNER_2019, 'the linear model has no separate spike term'),
    packet: included(
      HOPPNER_2019,
      'a model fitted to board power absorbs communication in its per-event terms; SpiNNFrontEndCommon charges 0.8 nJ per packet (Painkras 2013), not added to avoid counting it twice',
    ),
    delivery: included(HOPPNER_2019, 'see packet'),
    hopEastWest: included(HOPPNER_2019, 'see packet'),
    hopNorthSouth: included(HOPPNER_2019, 'see packet'),
    hopDiagonal: included(HOPPNER_2019, 'see packet'),
    chipCrossing: included(HOPPNER_2019, 'see packet'),
  },
  staticWattsPerChip: {
    joules: 0.36,
    status: 'secondary',
    source: PAINKRAS_2013,
    note: 'idle chip 360 mW; a fully active chip is ≈1 W (same source)',
  },
  coresPerChip: {
    count: 16,
    source:
      'Furber et al. 2014, Proc. IEEE 102:652: 18 cores, 16 for applications (the monitor and spare cores are charged to them)',
  },
  time: REAL_TIME_TICK,
};

export const spinnaker2Energy: EnergyTable = {
  id: 'spinnaker2',
  name: 'SpiNNaker 2 (22 nm FDSOI, Cortex-M4F)',
  source:
    'no published per-event energy of the 22 nm chip found (Höppner et al. 2021, arXiv:2103.08392)',
  perEvent: {
    neuronUpdate: unknownCost('not published for the 22 nm chip'),
    synapticEvent: unknownCost('not published for the 22 nm chip'),
  },
  staticWattsPerChip: unknownCost('not published for the 22 nm chip'),
  coresPerChip: {
    count: 152,
    source: 'Höppner et al. 2021, arXiv:2103.08392: 152 processing elements',
  },
  time: REAL_TIME_TICK,
};

/** The 28 nm DVFS test chip, not the production SpiNNaker 2: for sensitivity studies only. */
export const spinnaker2PrototypeEnergy: EnergyTable = {
  id: 'spinnaker2-prototype-2019',
  name: 'SpiNNaker 2 prototype (28 nm test chip with DVFS, 2019)',
  source:
    'Höppner et al. 2019 (IEEE TCAS-I) 28 nm prototype figures, as quoted by keras-spiking (secondary)',
  perEvent: {
    neuronUpdate: { joules: 2.19e-9, status: 'secondary', source: HOPPNER_2019 },
    synapticEvent: { joules: 0.45e-9, status: 'secondary', source: HOPPNER_2019 },
  },
  staticWattsPerChip: unknownCost('not given with these figures'),
  coresPerChip: {
    count: 152,
    source: 'as SpiNNaker 2 (unused: the static power of this table is unpriced)',
  },
  time: REAL_TIME_TICK,
};
