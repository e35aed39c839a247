import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import { type CompareReport, parseReport } from '../../src/harness/report-schema.ts';

async function run(args: string[]) {
  const io = memoryIo();
  const code = await main(args, io);
  return { code, out: io.stdout.join(''), err: io.stderr.join('') };
}

const outDir = () => mkdtempSync(join(tmpdir(), 'spikelab-compare-'));

describe('spikelab compare', () => {
  it('--json prints the report (XOR: both networks 100 %), writes it with the CSV and the tables, and names the file on stderr', async () => {
    const dir = outDir();
    const r = await run([
      'compare',
      '--dataset',
      'xor',
      '--timesteps',
      '50',
      '--out',
      dir,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const report = parseReport(r.out);
    expect(report.dataset).toBe('xor');
    expect(report.ann.accuracy).toBe(1);
    expect(report.snn.applicable && report.snn.accuracy).toBe(1);
    const base = join(dir, 'compare-xor-current-T50-seed0');
    expect(r.err).toContain(`${base}.json`);
    expect(parseReport(readFileSync(`${base}.json`, 'utf8'))).toEqual(report);
    const csv = readFileSync(`${base}.csv`, 'utf8').trim().split('\n');
    expect(csv[0]).toBe('tick,snn_accuracy,ann_accuracy');
    expect(csv).toHaveLength(51); // header + one line per tick
    expect(existsSync(`${base}.md`)).toBe(true);
  });

  it('--include-network keeps the converted network and the test samples’ inputs in the report (XOR: all 4 samples)', async () => {
    const dir = outDir();
    const args = ['compare', '--dataset', 'xor', '--timesteps', '30', '--out', dir, '--json'];
    const without = parseReport((await run(args)).out);
    expect(without.snn.applicable && without.snn.spikingNetwork).toBeUndefined();
    const r = await run([...args, '--include-network']);
    expect(r.code).toBe(0);
    const report = parseReport(r.out);
    const block = report.snn.applicable ? report.snn.spikingNetwork : undefined;
    expect(block?.samples.map((s) => [s.label, s.snn])).toEqual([
      [0, 0],
      [1, 1],
      [1, 1],
      [0, 0],
    ]);
  });

  it('prints the side-by-side table, the per-layer table and where the files went (iris, Poisson input)', async () => {
    const dir = outDir();
    const r = await run(['compare', '--dataset', 'iris', '--encoding', 'poisson', '--out', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\| test accuracy \| \d+\.\d\d % \| \d+\.\d\d % after 100 ticks/);
    expect(r.out).toMatch(/\| SynapticOperations\.Effective_ACs \| 0 \|/);
    expect(r.out).toMatch(/\| hidden1 \| 16 \|/);
    expect(r.out).toContain(`report: ${join(dir, 'compare-iris-poisson-T100-seed0.json')}`);
  });

  it.each([
    [['--dataset', 'cifar'], /--dataset.*'cifar' is invalid/],
    [['--encoding', 'morse'], /--encoding.*'morse' is invalid/],
    [['--platforms', 'truenorth,gpu'], /--platforms.*Allowed: a comma-separated list of truenorth/],
    [['--timesteps', '0'], /--timesteps.*'0' is invalid\. Allowed: an integer in \[1, 1000000\]/],
    [['--timesteps', '-3'], /--timesteps.*'-3' is invalid/],
    [
      ['--percentile', '0'],
      /--percentile.*'0' is invalid\. Allowed: a finite number > 0 and ≤ 100/,
    ],
    [['--percentile', '100.5'], /--percentile.*'100\.5' is invalid/],
    [['--threads', '3'], /--threads.*'3' is invalid\. Allowed: an integer in \[1, 2\]/],
  ])(
    'bad input %j: one line naming the flag and what is allowed, exit code 2',
    async (args, message) => {
      const r = await run(['compare', ...args]);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(message);
    },
  );

  it('every option shows its default in --help', async () => {
    const r = await run(['compare', '--help']);
    expect(r.code).toBe(0);
    for (const d of [
      '"digits"',
      'default: 100',
      '"current"',
      'default: 99.9',
      'truenorth,spinnaker,loihi,cpu,accelerator',
      'default: 0',
      '"out/compare"',
    ])
      expect(r.out).toContain(d);
  });

  describe('--model: a model saved by train --save, compared without training', () => {
    let dir: string;
    let model: string;
    const withoutClock = (text: string) => {
      const { wallClock: _, ...rest } = parseReport(text) as CompareReport;
      return rest;
    };

    // Every test here reads the saved model, so each one can run alone.
    beforeAll(async () => {
      dir = outDir();
      model = join(dir, 'iris.json');
      expect((await run(['train', '--dataset', 'iris', '--seed', '2', '--save', model])).code).toBe(
        0,
      );
    });

    it('gives the report of a run that trains (the same split from the saved seed, the saved training record)', async () => {
      const common = ['--timesteps', '40', '--platforms', 'loihi,cpu', '--out', dir, '--json'];
      const saved = await run(['compare', '--model', model, ...common]);
      const fresh = await run(['compare', '--dataset', 'iris', '--seed', '2', ...common]);
      expect(saved.code).toBe(0);
      expect(withoutClock(saved.out)).toEqual(withoutClock(fresh.out));
      expect(parseReport(saved.out).wallClock.trainingSeconds).toBeLessThan(0.05);
    });

    it.each([
      [
        ['--dataset', 'digits'],
        /--dataset: got digits, but .*iris\.json was trained with dataset iris; allowed: iris, or leave it out/,
      ],
      [['--seed', '0'], /--seed: got 0, but .* was trained with seed 2; allowed: 2/],
      [['--epochs', '3'], /--epochs: not with --model \(the model is already trained\)/],
    ])('contradicting flags %j: one line naming the flag, exit code 2', async (args, message) => {
      const r = await run(['compare', '--model', model, ...args]);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(message);
    });

    it('a model file without its training record, or unreadable, is refused with the reason', async () => {
      const bare = join(dir, 'bare.json');
      const file = JSON.parse(readFileSync(model, 'utf8')) as { meta: Record<string, unknown> };
      delete file.meta.training;
      writeFileSync(bare, JSON.stringify(file));
      const r = await run(['compare', '--model', bare]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/bare\.json\.meta\.training: .*the training record, version 1/);
      const missing = await run(['compare', '--model', join(dir, 'none.json')]);
      expect(missing.err).toMatch(/^error: --model: cannot read .*none\.json/);
    });
  });
});
