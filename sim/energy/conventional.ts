/**
 * Conventional hardware for the rate network, so that ANN and SNN costs come
 * from the same kind of table: Horowitz, "Computing's energy problem (and what
 * we can do about it)", ISSCC 2014, 45 nm at 0.9 V.
 *
 * Figures as in GUIDE §4.3; several independent quotations of the paper's
 * table agree on every number used here, but the paper itself was not read,
 * so they are marked `secondary`. Per 64-bit access: 8 KB SRAM 10 pJ, 32 KB
 * SRAM 20 pJ, 1 MB SRAM 100 pJ, DRAM 1.3–2.6 nJ (the low end is used).
 *
 * Two device classes:
 * - CPU-class: FP32 arithmetic (MAC = 3.7 pJ multiply + 0.9 pJ add), operands
 *   from a small (8 KB) cache, weights streamed from DRAM;
 * - accelerator-class: INT8 arithmetic (0.2 pJ multiply + 0.03 pJ add),
 *   weights held in 32 KB on-chip buffers.
 * Static power is not part of Horowitz's per-operation table and is left
 * unpriced.
 */

import type { EnergyTable } from './cost-table.ts';
import { unknownCost } from './cost-table.ts';

const H14 = 'Horowitz 2014, ISSCC, 45 nm energy table (as quoted in GUIDE §4.3 and elsewhere)';

const FP32_MUL_J = 3.7e-12;
const FP32_ADD_J = 0.9e-12;
const INT8_MUL_J = 0.2e-12;
const INT8_ADD_J = 0.03e-12;
const SRAM_8KB_J = 10e-12;
const SRAM_32KB_J = 20e-12;
const DRAM_J = 1.3e-9;

export const cpuEnergy: EnergyTable = {
  id: 'cpu',
  name: 'CPU-class, FP32, 45 nm (Horowitz 2014)',
  source:
    'Horowitz 2014 (ISSCC) 45 nm: FP32 MAC 4.6 pJ, add 0.9 pJ, SRAM 8 KB 10 pJ, DRAM 1.3 nJ per 64 bits',
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
  staticWattsPerChip: unknownCost('not in the per-operation table'),
};

export const acceleratorEnergy: EnergyTable = {
  id: 'accelerator',
  name: 'Accelerator-class, INT8, 45 nm (Horowitz 2014)',
  source:
    'Horowitz 2014 (ISSCC) 45 nm: INT8 multiply 0.2 pJ, add 0.03 pJ, SRAM 32 KB 20 pJ, DRAM 1.3 nJ per 64 bits',
  perEvent: {
    mac: {
      joules: INT8_MUL_J + INT8_ADD_J,
      status: 'secondary',
      source: H14,
      note: '0.2 + 0.03 pJ',
    },
    ac: { joules: INT8_ADD_J, status: 'secondary', source: H14 },
    sramAccess: {
      joules: SRAM_32KB_J,
      status: 'secondary',
      source: H14,
      note: '32 KB SRAM, 64 bits',
    },
    dramAccess: { joules: DRAM_J, status: 'secondary', source: H14, note: 'low end of 1.3–2.6 nJ' },
  },
  staticWattsPerChip: unknownCost('not in the per-operation table'),
};
