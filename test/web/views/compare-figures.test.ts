/**
 * What the Compare view's bar charts are given: a bar per network and
 * platform of its paradigm in the report's order, coloured by network, the
 * static power of the cores used beside whole chips, and a reason — never
 * a zero — where there is no energy figure; a lower bound marked as one.
 */
import { describe, expect, it } from 'vitest';
import { xorDataset } from '../../../src/data/builtin/xor.ts';
import { compare } from '../../../src/harness/compare.ts';
import type { CompareReport } from '../../../src/harness/report/schema.ts';
import {
  energyBars,
  networkColour,
  operationBars,
  WHOLE_CHIPS_COLOUR,
} from '../../../web/views/compare-bars.ts';

const run = compare(xorDataset(), {
  timesteps: 20,
  platforms: ['truenorth', 'loihi', 'spinnaker', 'cpu'],
});
const report = run.report;
const ANN = networkColour(0);
const SNN = networkColour(1);

describe('Compare view bars', () => {
  it('energy: a bar per platform and network of its paradigm, in the report’s order, coloured by network; whole chips beside in grey', () => {
    const { categories, series } = energyBars(report);
    expect(categories).toEqual(['TrueNorth\nSNN', 'Loihi\nSNN', 'SpiNNaker\nSNN', 'CPU\nANN']);
    expect(series[0]!.colour).toEqual([SNN, SNN, SNN, ANN]);
    expect(series[1]!.colour).toBe(WHOLE_CHIPS_COLOUR);
    expect(series[0]!.values.every((v) => v !== null && v > 0)).toBe(true);
    for (let i = 0; i < 4; i++)
      expect(series[1]!.values[i]!).toBeGreaterThanOrEqual(series[0]!.values[i]!);
  });

  it('a third network gets its own bars and colour', () => {
    const r = compare(
      xorDataset(),
      { timesteps: 20, platforms: ['loihi', 'cpu'] },
      {},
      {
        train: run.train,
        contenders: [
          { id: 'again', label: 'the same conversion', classifier: run.conversion!.classifier },
        ],
      },
    ).report;
    const { categories, series } = energyBars(r);
    expect(categories).toEqual(['Loihi\nSNN', 'Loihi\nagain', 'CPU\nANN']);
    expect(series[0]!.colour).toEqual([SNN, networkColour(2), ANN]);
    expect(operationBars(r).map((s) => s.label)).toEqual([
      'rate network (ANN) (MACs)',
      'spiking network (SNN) (ACs)',
      'the same conversion (ACs)',
    ]);
  });

  it('energy: not mappable and unpriced platforms get their reason; a lower bound is marked ≥', () => {
    const r = structuredClone(report) as CompareReport;
    const snn = r.networks[1]!;
    snn.energy['truenorth'] = { mappable: false, reason: 'fan-in 300 > 256 axons' };
    delete snn.energy['spinnaker'];
    const loihi = snn.energy['loihi']!;
    if (loihi.mappable) Object.assign(loihi, { complete: false, unpriced: ['packet'] });
    const { series } = energyBars(r);
    expect(series[0]!.values.map((v) => v === null)).toEqual([true, false, true, false]);
    expect(series[0]!.missing).toEqual(['not mappable', null, 'not priced', null]);
    expect(series[0]!.prefix).toEqual([null, '≥ ', null, null]);
  });

  it('without a spiking network, neuromorphic platforms say so; operations show the rate network alone', () => {
    const r = { ...report, networks: [report.networks[0]!] };
    expect(energyBars(r).series[0]!.missing).toEqual([
      'no spiking network',
      'no spiking network',
      'no spiking network',
      null,
    ]);
    const [ann, ...rest] = operationBars(r);
    const o = report.networks[0]!.neurobench.SynapticOperations;
    expect(ann!.values).toEqual([o.Effective_MACs, o.Dense]);
    expect(rest).toEqual([]);
  });
});
