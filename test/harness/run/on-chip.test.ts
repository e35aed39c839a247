/**
 * The TrueNorth deployment's run shared between threads: every sample draws
 * its own input stream and the counts are sums, so a run split at any
 * sample — in this thread, or with a real worker thread taking the second
 * share — must give the same report as one run, down to the last packet.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src/data/dataset.ts';
import { loadDataset } from '../../../src/data/node/load.ts';
import { compare, ON_CHIP_WORKER_MIN_WORK } from '../../../src/harness/compare.ts';
import { startOnChipWorker } from '../../../src/harness/node/on-chip-worker.ts';
import { serializeReport } from '../../../src/harness/report/read.ts';
import type { CompareReport } from '../../../src/harness/report/schema.ts';
import {
  type OnChipJob,
  type OnChipStarter,
  runOnChipJob,
} from '../../../src/harness/run/on-chip.ts';
import { settingsFor, type TrainRun, trainOnDataset } from '../../../src/harness/train-rate.ts';

let digits: Dataset;
let train: TrainRun;
let single: CompareReport;

const withoutWallClock = (r: CompareReport) => {
  const { wallClock: _, ...rest } = JSON.parse(serializeReport(r)) as CompareReport;
  return JSON.stringify(rest);
};

/** A starter that runs the share at once in this thread (the merge without threads), recording the jobs. */
function inThread(jobs: OnChipJob[]): OnChipStarter {
  return (job) => {
    jobs.push(job);
    const part = runOnChipJob(job);
    return { from: job.from, wait: () => part };
  };
}

const options = { timesteps: 40, platforms: ['truenorth' as const, 'cpu' as const] };

/** The conversion's TrueNorth entry. */
const trueNorthOf = (r: CompareReport) =>
  r.networks.find((n) => n.id === 'snn')?.spiking?.hardware['truenorth'];

beforeAll(() => {
  digits = loadDataset('digits');
  train = trainOnDataset(digits, settingsFor('digits'), 0);
  single = compare(digits, options, {}, { train }).report;
});

describe('the on-chip run in two shares', () => {
  it('split in this thread at sample 179 of 359: the same report (accuracy, packets, hops, worst tick, energy)', () => {
    const jobs: OnChipJob[] = [];
    const split = compare(
      digits,
      options,
      {},
      { train, onChipWorker: inThread(jobs), onChipWorkerMinWork: 0 },
    ).report;
    expect(jobs.map((j) => [j.from, j.to])).toEqual([[179, 359]]);
    expect(withoutWallClock(split)).toBe(withoutWallClock(single));
    const tn = trueNorthOf(single);
    expect(tn?.mappable && tn.onChip?.accuracy).toBeGreaterThan(0.9);
  });

  it('Poisson input split at sample 179: each sample draws its own stream, so the same report', () => {
    const poisson = { ...options, encoding: 'poisson' as const };
    const one = compare(digits, poisson, {}, { train }).report;
    const split = compare(
      digits,
      poisson,
      {},
      { train, onChipWorker: inThread([]), onChipWorkerMinWork: 0 },
    ).report;
    expect(withoutWallClock(split)).toBe(withoutWallClock(one));
  });

  it('a real worker thread takes samples 179–358: the same report', () => {
    const threaded = compare(
      digits,
      options,
      {},
      { train, onChipWorker: startOnChipWorker, onChipWorkerMinWork: 0 },
    ).report;
    expect(withoutWallClock(threaded)).toBe(withoutWallClock(single));
  });

  it("reports stage 'deploy' between simulate and price, and its samples up to 359 (one thread, and with the worker)", () => {
    for (const onChipWorker of [undefined, startOnChipWorker]) {
      const stages: string[] = [];
      const progress: number[] = [];
      compare(
        digits,
        options,
        {
          onStage: (st) => stages.push(st),
          onChipSample: (done, total) => {
            expect(total).toBe(359);
            progress.push(done);
          },
        },
        { train, onChipWorkerMinWork: 0, ...(onChipWorker ? { onChipWorker } : {}) },
      );
      expect(stages).toEqual([
        'load',
        'train',
        'convert',
        'map',
        'simulate',
        'deploy',
        'price',
        'report',
      ]);
      expect(progress.at(-1)).toBe(359);
      expect(progress.every((d, i) => i === 0 || d >= progress[i - 1]!)).toBe(true);
    }
  });

  it('digits by default stay on one thread: 359 × 40 ticks × 1,135 neurons is far below the work a worker pays for', () => {
    const jobs: OnChipJob[] = [];
    const r = compare(digits, options, {}, { train, onChipWorker: inThread(jobs) });
    expect(jobs).toHaveLength(0);
    expect(withoutWallClock(r.report)).toBe(withoutWallClock(single));
    const tn = trueNorthOf(r.report);
    const neurons = tn?.mappable ? tn.onChip?.deployment?.neurons.deployed : undefined;
    expect(neurons).toBe(1135);
    expect(359 * 40 * neurons!).toBeLessThan(ON_CHIP_WORKER_MIN_WORK);
  });

  it("a worker's failure surfaces as an error naming the worker and its samples", () => {
    const run = compare(digits, { ...options, samples: 5 }, {}, { train });
    const classifier = run.conversion!.classifier;
    const broken = { ...classifier, spec: { ...classifier.spec, populations: [] } };
    const pending = startOnChipWorker({
      classifier: broken,
      x: new Float32Array(64 * 3),
      y: new Int32Array(3),
      from: 1,
      to: 3,
      timesteps: 5,
      seed: 0,
    });
    expect(() => pending.wait()).toThrow(/^on-chip worker \(samples 1–2\): /);
  });
});
