/**
 * IBM TrueNorth. Figures from Merolla et al. 2014 (Science 345:668, with the
 * Supplementary Material) and Akopyan et al. 2015 (IEEE TCAD 34:1537),
 * checked against verbatim transcriptions of both papers.
 */

import { truenorthEnergy } from '../../energy/truenorth.ts';
import { TRUENORTH_AXONS_PER_CORE, TRUENORTH_MAX_DELAY } from '../../neurons/truenorth/params.ts';
import type { Platform } from '../platform.ts';

const MER14 = 'Merolla et al. 2014, Science 345:668';
const AKO15 = 'Akopyan et al. 2015, IEEE TCAD 34:1537';

/**
 * "256 neurons (computation), 256 axons (communication), and 256 × 256
 * synapses" (MER14 §S1). The axon count, the axon types, the weight and
 * potential widths and the delay range are the neuron's own limits
 * (sim/neurons/truenorth/params.ts).
 */
export const TRUENORTH_NEURONS_PER_CORE = 256;
/** 64 × 64 cores per chip (AKO15 §V-A). */
export const TRUENORTH_CHIP_SIDE = 64;
/**
 * 58 GSOPS maximum at 0.75 V (AKO15 §VII) spread over 4,096 cores and 1,000
 * ticks per second: 14,160 synaptic events per core per tick (derived).
 */
export const TRUENORTH_EVENTS_PER_CORE_TICK = Math.floor(58e9 / 4096 / 1000);

export const truenorth: Platform = {
  id: 'truenorth',
  name: 'IBM TrueNorth',
  capacity: {
    neuronsPerCore: TRUENORTH_NEURONS_PER_CORE,
    axonsPerCore: TRUENORTH_AXONS_PER_CORE,
    axonKey: 'neuron-delay',
    targetCoresPerNeuron: 1,
    fanOutEdgesPerCore: null,
    synapsesPerCore: TRUENORTH_AXONS_PER_CORE * TRUENORTH_NEURONS_PER_CORE,
    maxDelayTicks: TRUENORTH_MAX_DELAY,
    coresPerNode: 1,
    nodesPerChipX: TRUENORTH_CHIP_SIDE,
    nodesPerChipY: TRUENORTH_CHIP_SIDE,
    routingEntriesPerChip: null,
    onePopulationPerCore: false,
  },
  timing: { tickMs: 1, synapticEventsPerCoreTick: TRUENORTH_EVENTS_PER_CORE_TICK },
  topology: 'mesh',
  routeGranularity: 'neuron',
  energy: truenorthEnergy,
  sources: {
    'capacity.neuronsPerCore': `${MER14} §S1`,
    'capacity.axonsPerCore': `${MER14} §S1`,
    'capacity.axonKey': `${MER14} p. 5: delay set per neuron output ("one target axon, 1–15 ticks")`,
    'capacity.targetCoresPerNeuron': `${MER14} §S4: a neuron targets one axon; more need "splitters"`,
    'capacity.synapsesPerCore': `${MER14} §S1: 256 × 256 crossbar`,
    'capacity.maxDelayTicks': `${MER14} p. 5`,
    'capacity.nodesPerChip': `${AKO15} §V-A: 64 × 64 cores`,
    'timing.tickMs': `${MER14} p. 4: "1ms time steps set by a global 1kHz clock"`,
    'timing.synapticEventsPerCoreTick': `derived from ${AKO15} §VII: 58 GSOPS at 0.75 V`,
    topology: `${MER14} p. 5: 2-D mesh, dimension-order routing (x then y)`,
  },
};
