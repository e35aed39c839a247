/**
 * What the Compare view's bar charts are given: one bar per platform in the
 * report's order, the rate network's colour on conventional platforms and
 * the spiking network's on neuromorphic ones, and a reason — never a zero —
 * where there is no energy figure; a lower bound marked as one.
 */
import { describe, expect, it } from 'vitest';
import { xorDataset } from '../../../src/data/builtin/xor.ts';
import { compare } from '../../../src/harness/compare.ts';
import type { CompareReport } from '../../../src/harness/report-schema.ts';
import {
  ANN_COLOUR,
  energyBars,
  operationBars,
  SNN_COLOUR,
} from '../../../web/views/compare-figures.ts';

const report = compare(xorDataset(), {
  timesteps: 20,
  platforms: ['truenorth', 'loihi', 'spinnaker', 'cpu'],
}).report;

describe('Compare view bars', () => {
  it('energy: a bar per platform in the report’s order, coloured by the network it prices', () => {
    const { categories, series } = energyBars(report);
    expect(categories).toEqual(['TrueNorth\nSNN', 'Loihi\nSNN', 'SpiNNaker\nSNN', 'CPU\nANN']);
    expect(series[0]!.colour).toEqual([SNN_COLOUR, SNN_COLOUR, SNN_COLOUR, ANN_COLOUR]);
    expect(series[0]!.values.every((v) => v !== null && v > 0)).toBe(true);
  });

  it('energy: not mappable and unpriced platforms get their reason; a lower bound is marked ≥', () => {
    const r = structuredClone(report) as CompareReport;
    if (!r.snn.applicable) throw new Error('xor converts');
    r.snn.energy['truenorth'] = { mappable: false, reason: 'fan-in 300 > 256 axons' };
    delete r.snn.energy['spinnaker'];
    const loihi = r.snn.energy['loihi']!;
    if (loihi.mappable) Object.assign(loihi, { complete: false, unpriced: ['packet'] });
    const { series } = energyBars(r);
    expect(series[0]!.values.map((v) => v === null)).toEqual([true, false, true, false]);
    expect(series[0]!.missing).toEqual(['not mappable', null, 'not priced', null]);
    expect(series[0]!.prefix).toEqual([null, '≥ ', null, null]);
  });

  it('without a spiking side, neuromorphic platforms and the SNN’s operations say so', () => {
    const r = { ...report, snn: { applicable: false as const, reason: 'regression' } };
    expect(energyBars(r).series[0]!.missing).toEqual([
      'no spiking network',
      'no spiking network',
      'no spiking network',
      null,
    ]);
    const [ann, snn] = operationBars(r);
    expect(ann!.values).toEqual([
      report.ann.neurobench.SynapticOperations.Effective_MACs,
      report.ann.neurobench.SynapticOperations.Dense,
    ]);
    expect(snn!.values).toEqual([null, null]);
  });
});
