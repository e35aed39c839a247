/**
 * Conventional hardware for the rate network, priced like the chips: the
 * energy of each operation and memory access (Horowitz, "Computing's energy
 * problem (and what we can do about it)", ISSCC 2014, 45 nm at 0.9 V), and
 * static power over the time the inference takes on a real device of that
 * class.
 *
 * Horowitz's figures: several independent quotations of the paper's table
 * agree on every number used here, but the paper itself was not read, so
 * they are marked `secondary`. Per 64-bit access: 8 KB SRAM 10 pJ, 32 KB
 * SRAM 20 pJ, 1 MB SRAM 100 pJ, DRAM 1.3–2.6 nJ (the low end is used).
 *
 * The devices whose time and idle power are used are the two of Jouppi et
 * al. 2017 ("In-datacenter performance analysis of a Tensor Processing
 * Unit", ISCA, Table 2), measured in the same data centre on the same
 * workloads: marked `secondary` too, as quoted, not re-read here.
 * - CPU-class: Intel Haswell Xeon E5-2699 v3 (22 nm, 18 cores, 1.3 FP32
 *   TFLOPS peak, 51 GB/s DRAM, 41 W idle die). One inference runs on one
 *   core, FP32 arithmetic, weights streamed from DRAM, activations from an
 *   8 KB cache.
 * - Accelerator-class: Google's TPU v1 (28 nm, 65,536 8-bit MACs at 700 MHz
 *   = 92 TOPS peak, 34 GB/s weight DRAM, 28 MiB on chip, 28 W idle die).
 *   INT8 arithmetic; weights streamed from its weight DRAM (the TPU v1 keeps
 *   no weights on chip), activations in its unified buffer.
 * The energies stay Horowitz's 45 nm ones, an older node than either
 * device, so the dynamic terms are if anything too high; the roofline time
 * (time-model.ts) is a lower bound, so the static terms are if anything too
 * low.
 */

import type { EnergyTable } from './cost-table.ts';
import type { RooflineTime } from './time-model.ts';

const H14 = 'Horowitz 2014, ISSCC, 45 nm energy table (secondary quotations)';
const J17 = 'Jouppi et al. 2017, ISCA, Table 2 (as quoted)';

const FP32_MUL_J = 3.7e-12;
const FP32_ADD_J = 0.9e-12;
const INT8_MUL_J = 0.2e-12;
const INT8_ADD_J = 0.03e-12;
const SRAM_8KB_J = 10e-12;
const SRAM_1MB_J = 100e-12;
const DRAM_J = 1.3e-9;

/** Haswell E5-2699 v3: 1.3 TFLOPS FP32 peak over 18 cores; a MAC is two FLOPs. */
const HASWELL_CORES = 18;
const HASWELL_MACS_PER_CORE = 1.3e12 / 2 / HASWELL_CORES;

export const CPU_TIME: RooflineTime = {
  kind: 'roofline',
  macsPerSecondPerCore: {
    value: HASWELL_MACS_PER_CORE,
    status: 'derived',
    source: J17,
    note: '1.3 FP32 TFLOPS / 2 FLOPs per MAC / 18 cores = 36.1 G MAC/s per core',
  },
  bytesPerSecond: { value: 51e9, status: 'secondary', source: J17, note: '51 GB/s DRAM' },
};

export const ACCELERATOR_TIME: RooflineTime = {
  kind: 'roofline',
  macsPerSecondPerCore: {
    value: 65_536 * 700e6,
    status: 'derived',
    source: J17,
    note: '65,536 8-bit MACs × 700 MHz = 45.9 T MAC/s (92 TOPS); one matrix unit',
  },
  bytesPerSecond: { value: 34e9, status: 'secondary', source: J17, note: '34 GB/s weight memory' },
};

export const cpuEnergy: EnergyTable = {
  id: 'cpu',
  name: 'CPU-class: FP32 on one core of a Haswell Xeon E5-2699 v3 (Horowitz 2014 energies)',
  source:
    'Horowitz 2014 (ISSCC) 45 nm: FP32 MAC 4.6 pJ, add 0.9 pJ, SRAM 8 KB 10 pJ, DRAM 1.3 nJ per 64 bits; Jouppi et al. 2017 (ISCA) Table 2: Haswell E5-2699 v3, 41 W idle, 18 cores, 1.3 TFLOPS, 51 GB/s',
  perEvent: {
    mac: {
      joules: FP32_MUL_J + FP32_ADD_J,
      status: 'secondary',
      source: H14,
      note: '3.7 + 0.9 pJ',
    },
    ac: { joules: FP32_ADD_J, status: 'secondary', source: H14 },
    sramAccess: {
      joules: SRAM_8KB_J,
      status: 'secondary',
      source: H14,
      note: '8 KB SRAM, 64 bits',
    },
    dramAccess: { joules: DRAM_J, status: 'secondary', source: H14, note: 'low end of 1.3–2.6 nJ' },
  },
  staticWattsPerChip: {
    joules: 41,
    status: 'secondary',
    source: J17,
    note: 'measured idle power of the Haswell die (145 W busy)',
  },
  coresPerChip: { count: HASWELL_CORES, source: `${J17}: 18 cores` },
  time: CPU_TIME,
};

export const acceleratorEnergy: EnergyTable = {
  id: 'accelerator',
  name: 'Accelerator-class: INT8 on a TPU v1 (Horowitz 2014 energies)',
  source:
    'Horowitz 2014 (ISSCC) 45 nm: INT8 multiply 0.2 pJ, add 0.03 pJ, SRAM 1 MB 100 pJ, DRAM 1.3 nJ per 64 bits; Jouppi et al. 2017 (ISCA) Table 2: TPU v1, 28 W idle, 92 TOPS, 34 GB/s',
  perEvent: {
    mac: {
      joules: INT8_MUL_J + INT8_ADD_J,
      status: 'secondary',
      source: H14,
      note: '0.2 + 0.03 pJ',
    },
    ac: { joules: INT8_ADD_J, status: 'secondary', source: H14 },
    sramAccess: {
      joules: SRAM_1MB_J,
      status: 'secondary',
      source: H14,
      note: "1 MB SRAM, 64 bits: Horowitz's largest buffer, below the 24 MiB unified buffer's cost",
    },
    dramAccess: { joules: DRAM_J, status: 'secondary', source: H14, note: 'low end of 1.3–2.6 nJ' },
  },
  staticWattsPerChip: {
    joules: 28,
    status: 'secondary',
    source: J17,
    note: 'measured idle power of the TPU die (40 W busy)',
  },
  coresPerChip: { count: 1, source: `${J17}: one matrix multiply unit` },
  time: ACCELERATOR_TIME,
};
