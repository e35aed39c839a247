/**
 * The converted network kept in a comparison report: it survives the
 * report's writer and reader bit for bit, rebuilds through the network
 * format's own schema, and — driven by a stored test sample — spikes
 * exactly as the harness's run of that sample did (same counts per neuron,
 * Poisson input included, because the sample's seed is stored with it).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Simulator } from '../../../sim/engine/simulator.ts';
import { buildNetwork } from '../../../sim/network/build.ts';
import type { Dataset } from '../../../src/data/dataset.ts';
import { loadDataset } from '../../../src/data/node/load.ts';
import { type CompareRun, compare } from '../../../src/harness/compare.ts';
import { NETWORK_SAMPLES, networkForSample } from '../../../src/harness/report/network.ts';
import { parseReport, serializeReport } from '../../../src/harness/report/read.ts';
import type { CompareReport, SpikingNetworkBlock } from '../../../src/harness/report/schema.ts';
import { NeuronCounts } from '../../../src/harness/run/sample-listeners.ts';
import { simulateSamples } from '../../../src/harness/run/simulate.ts';
import { settingsFor, type TrainRun, trainOnDataset } from '../../../src/harness/train-rate.ts';

const T = 40;
let digits: Dataset;
let train: TrainRun;

const blockOf = (run: CompareRun | CompareReport): SpikingNetworkBlock => {
  const s = ('report' in run ? run.report : run).networks.find((n) => n.id === 'snn')?.spiking;
  if (!s?.spikingNetwork) throw new Error('no network in the report');
  return s.spikingNetwork;
};

/** Spikes per neuron of the first n test samples, as the harness's simulation stage sees them. */
function harnessCounts(run: CompareRun, n: number, seed: number): Int32Array[] {
  const out: Int32Array[] = [];
  simulateSamples(
    run.conversion!.classifier,
    run.train.test.x,
    run.train.test.labels!,
    n,
    { timesteps: T, seed, onSampleCounts: (_s, c) => out.push(c.slice()) },
    run.spiking[0]!.network,
  );
  return out;
}

/** Spikes per neuron of the network rebuilt from the report, driven by stored sample k, over T ticks. */
function rebuiltCounts(block: SpikingNetworkBlock, k: number): Int32Array {
  const net = buildNetwork(networkForSample(block, k));
  const counts = new NeuronCounts(net.size);
  new Simulator(net, { listeners: [counts] }).run(T);
  return counts.counts;
}

beforeAll(() => {
  digits = loadDataset('digits');
  train = trainOnDataset(digits, settingsFor('digits', { epochs: 4 }), 0);
});

describe('the spiking network in a comparison report', () => {
  it('is absent unless asked for (the report stays small), present with the first 10 test samples when asked', () => {
    const plain = compare(
      digits,
      { timesteps: T, samples: 30, platforms: ['loihi'] },
      {},
      { train },
    );
    expect(plain.report.networks[1]!.spiking!.spikingNetwork).toBeUndefined();
    const run = compare(
      digits,
      { timesteps: T, samples: 30, platforms: ['loihi'], includeNetwork: true },
      {},
      { train },
    );
    const b = blockOf(run);
    expect(b.samples).toHaveLength(NETWORK_SAMPLES);
    expect(b.samples.map((s) => s.test)).toEqual([...Array(10).keys()]);
    expect(b.samples.map((s) => s.label)).toEqual(Array.from(run.train.test.labels!).slice(0, 10));
    expect(b.input).toEqual({ population: 'input', drive: 'iOffset' });
    expect(b.output).toBe('output');
    expect(b.classes).toEqual(digits.classes);
    // 64·256 + 256·10 weights and 266 biases as base64 float32: 4 bytes → 16/3 characters each
    const text = JSON.stringify(b.network);
    const floats = 64 * 256 + 256 * 10 + 266;
    expect(text.length).toBeGreaterThan((floats * 16) / 3);
    expect(text.length).toBeLessThan(floats * 5.5 + 2000);
    expect(parseReport(serializeReport(run.report))).toEqual(run.report);
  });

  it.each([
    ['current', 'iOffset'],
    ['poisson', 'rate'],
    ['ttfs', 'iOffset'],
  ] as const)(
    '%s input: rebuilt from the report and driven by stored sample k, it spikes neuron for neuron as the harness’s run of sample k (k = 0, 3, 9)',
    (encoding, drive) => {
      const run = compare(
        digits,
        {
          timesteps: T,
          samples: 10,
          encoding,
          platforms: ['loihi'],
          includeNetwork: true,
          seed: 5,
        },
        {},
        { train: trainOnDataset(digits, settingsFor('digits', { epochs: 4 }), 5) },
      );
      const b = blockOf(parseReport(serializeReport(run.report))); // as read back from the file
      expect(b.input.drive).toBe(drive);
      const want = harnessCounts(run, 10, 5);
      for (const k of [0, 3, 9]) {
        const got = rebuiltCounts(b, k);
        expect(got.reduce((a, v) => a + v, 0)).toBeGreaterThan(100);
        expect(Array.from(got)).toEqual(Array.from(want[k]!));
      }
    },
  );

  it('the stored spiking class is the output neuron with most spikes of the rebuilt run, wherever that maximum is unique', () => {
    const run = compare(
      digits,
      { timesteps: T, samples: 10, platforms: ['loihi'], includeNetwork: true },
      {},
      { train },
    );
    const b = blockOf(run);
    const out = run.spiking[0]!.network.populations.find((p) => p.label === 'output')!;
    let unique = 0;
    b.samples.forEach((s, k) => {
      const c = Array.from(rebuiltCounts(b, k).subarray(out.offset, out.offset + out.size));
      const top = Math.max(...c);
      if (c.filter((v) => v === top).length !== 1) return;
      unique++;
      expect(c.indexOf(top)).toBe(s.snn);
    });
    expect(unique).toBeGreaterThanOrEqual(5);
  });

  it('bad blocks name the field at fault', () => {
    const run = compare(
      digits,
      { timesteps: 10, samples: 3, platforms: ['loihi'], includeNetwork: true },
      {},
      { train },
    );
    const b = blockOf(run);
    expect(() => networkForSample(b, 3)).toThrow(
      'spikingNetwork.samples: got sample 3; allowed: 0 to 2',
    );
    const short = structuredClone(b);
    short.samples[0]!.drive.float32 = 'AACAPw=='; // one float32 (1.0)
    expect(() => networkForSample(short, 0)).toThrow(
      'spikingNetwork.samples.0.drive: 1 values; allowed: one per neuron of input (64)',
    );
    const broken = structuredClone(b);
    (broken.network['populations'] as { size: number }[])[1]!.size = -1;
    expect(() => networkForSample(broken, 0)).toThrow(
      /spikingNetwork\.network\.populations\.1\.size: got -1/,
    );
    const garbled = structuredClone(b);
    const proj = (garbled.network['projections'] as { connector: { weights: unknown } }[])[0]!;
    proj.connector.weights = { float32: 'not base64!' };
    expect(() => networkForSample(garbled, 0)).toThrow(
      'spikingNetwork.network.projections.0.connector.weights.float32: not valid base64',
    );
  });
});
