import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseReport } from '../../src/harness/report/read.ts';
import type { CompareReport } from '../../src/harness/report/schema.ts';
import { parseAnyReport } from '../../src/harness/report/seeds.ts';
import { runCli } from '../support/cli.ts';

const acc = (r: CompareReport, id: string) => r.networks.find((n) => n.id === id)?.accuracy?.value;
const blockOf = (r: CompareReport) =>
  r.networks.find((n) => n.id === 'snn')?.spiking?.spikingNetwork;

const outDir = () => mkdtempSync(join(tmpdir(), 'spikelab-compare-'));

describe('spikelab compare', () => {
  it('--json prints the report (XOR: both networks 100 %), writes it with the CSV and the tables, and names the file on stderr', async () => {
    const dir = outDir();
    const r = await runCli([
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
    expect(acc(report, 'ann')).toBe(1);
    expect(acc(report, 'snn')).toBe(1);
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
    const without = parseReport((await runCli(args)).out);
    expect(blockOf(without)).toBeUndefined();
    const r = await runCli([...args, '--include-network']);
    expect(r.code).toBe(0);
    const report = parseReport(r.out);
    const block = blockOf(report);
    expect(block?.samples.map((s) => [s.label, s.snn])).toEqual([
      [0, 0],
      [1, 1],
      [1, 1],
      [0, 0],
    ]);
  });

  it('prints the side-by-side table, the per-layer table and where the files went (iris, Poisson input)', async () => {
    const dir = outDir();
    const r = await runCli(['compare', '--dataset', 'iris', '--encoding', 'poisson', '--out', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /\| test accuracy \[95 % CI\] \| \d+\.\d\d % \[\d+\.\d\d, \d+\.\d\d\] \| \d+\.\d\d % \[[\d., ]+\] after 100 ticks/,
    );
    expect(r.out).toMatch(/\| ANN vs SNN \| \d+ \| \d+ \| \d+ \| \d+ \| [\d.]+ \| /);
    expect(r.out).toMatch(
      /\| SNN \| loihi \| [\d.]+ .J \| [\d.]+ .J \| [\d.]+ .J \| [\d.]+ .s \(busiest core \+ barrier\)/,
    );
    expect(r.out).toMatch(/\| SynapticOperations\.Effective_ACs \| 0 \|/);
    expect(r.out).toMatch(/\| hidden1 \| 16 \|/);
    expect(r.out).toContain(`report: ${join(dir, 'compare-iris-poisson-T100-seed0.json')}`);
  });

  it.each([
    [['--dataset', 'cifar'], /--dataset.*'cifar' is invalid/],
    [['--encoding', 'morse'], /--encoding.*'morse' is invalid/],
    [['--platforms', 'truenorth,gpu'], /--platforms.*Allowed: comma-separated, one of truenorth/],
    [['--platforms', ''], /--platforms.*Allowed: comma-separated, at least one platform/],
    [['--timesteps', '0'], /--timesteps.*'0' is invalid\. Allowed: an integer in \[1, 1000000\]/],
    [['--timesteps', '-3'], /--timesteps.*'-3' is invalid/],
    [['--percentile', '0'], /--percentile.*'0' is invalid\. Allowed: a number in \(0, 100\]/],
    [['--percentile', '100.5'], /--percentile.*'100\.5' is invalid/],
    [['--threads', '3'], /--threads.*'3' is invalid\. Allowed: an integer in \[1, 2\]/],
    [['--samples', 'all'], /--samples.*'all' is invalid\. Allowed: an integer ≥ 1/],
    [['--seeds', ''], /--seeds.*'' is invalid\. Allowed: a count n in \[1, 100\]/],
    [['--seeds', '-2'], /--seeds.*'-2' is invalid\. Allowed: a count n/],
    [['--seeds', 'a,b'], /--seeds.*'a,b' is invalid\. Allowed: a count n/],
    [['--seeds', '0'], /--seeds.*'0' is invalid/],
    [['--seeds', '1,1'], /--seeds.*'1,1' is invalid/],
    [['--seeds', '2', '--seed', '3'], /--seed: not with --seeds/],
  ])(
    'bad input %j: one line naming the flag and what is allowed, exit code 2',
    async (args, message) => {
      const r = await runCli(['compare', ...args]);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(message);
    },
  );

  it('every option shows its default in --help', async () => {
    const r = await runCli(['compare', '--help']);
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
      expect(
        (await runCli(['train', '--dataset', 'iris', '--seed', '2', '--save', model])).code,
      ).toBe(0);
    });

    it('gives the report of a run that trains (the same split from the saved seed, the saved training record)', async () => {
      const common = ['--timesteps', '40', '--platforms', 'loihi,cpu', '--out', dir, '--json'];
      const saved = await runCli(['compare', '--model', model, ...common]);
      const fresh = await runCli(['compare', '--dataset', 'iris', '--seed', '2', ...common]);
      expect(saved.code).toBe(0);
      expect(withoutClock(saved.out)).toEqual(withoutClock(fresh.out));
      const stages = parseReport(saved.out).wallClock.stages;
      expect(stages.find((x) => x.stage === 'train')!.wallSeconds).toBeLessThan(0.05);
    });

    it.each([
      [
        ['--dataset', 'digits'],
        /--dataset: got digits, but .*iris\.json was trained with dataset iris; allowed: iris, or leave it out/,
      ],
      [['--seed', '0'], /--seed: got 0, but .* was trained with seed 2; allowed: 2/],
      [['--epochs', '3'], /--epochs: not with --model \(the model is already trained\)/],
    ])('contradicting flags %j: one line naming the flag, exit code 2', async (args, message) => {
      const r = await runCli(['compare', '--model', model, ...args]);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(message);
    });

    it('a model file without its training record, or unreadable, is refused with the reason', async () => {
      const bare = join(dir, 'bare.json');
      const file = JSON.parse(readFileSync(model, 'utf8')) as { meta: Record<string, unknown> };
      delete file.meta.training;
      writeFileSync(bare, JSON.stringify(file));
      const r = await runCli(['compare', '--model', bare]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/bare\.json\.meta\.training: .*the training record, version 1/);
      const missing = await runCli(['compare', '--model', join(dir, 'none.json')]);
      expect(missing.err).toMatch(/^error: --model: cannot read .*none\.json/);
    });
  });
});

describe('spikelab compare --seeds', () => {
  it('--seeds 3 repeats the run over seeds 0, 1, 2: mean ± sd of every figure, each seed’s report kept', async () => {
    const dir = outDir();
    const args = ['compare', '--dataset', 'iris', '--seeds', '3', '--timesteps', '40'];
    const r = await runCli([...args, '--platforms', 'loihi,cpu', '--out', dir, '--json']);
    expect(r.code).toBe(0);
    const parsed = parseAnyReport(r.out);
    if (parsed.kind !== 'seeds') throw new Error('expected a summary over seeds');
    const s = parsed.report;
    expect(s.seeds).toEqual([0, 1, 2]);
    expect(s.reports.map((x) => x.seed)).toEqual([0, 1, 2]);
    const accuracy = s.figures.find((f) => f.network === 'ann' && f.figure === 'test accuracy')!;
    const values = s.reports.map((x) => acc(x, 'ann')!);
    const mean = values.reduce((a, b) => a + b) / 3;
    expect(accuracy.mean).toBeCloseTo(mean, 12);
    expect(accuracy.sd).toBeCloseTo(
      Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / 2),
      12,
    );
    expect(s.pairs[0]!.pValues).toHaveLength(3);
    for (const seed of [0, 1, 2])
      expect(existsSync(join(dir, `compare-iris-current-T40-seed${seed}.json`))).toBe(true);
    const tables = await runCli([...args, '--platforms', 'loihi', '--out', dir]);
    expect(tables.out).toMatch(/over 3 seeds \(0, 1, 2\): mean ± sd/);
    expect(tables.out).toMatch(/\| test accuracy \| [\d.]+ % ± [\d.]+ % \| [\d.]+ % ± [\d.]+ % \|/);
    expect(tables.out).toMatch(/\| ANN vs SNN \| -?[\d.]+ ± [\d.]+ pp \| \d of 3 seeds \|/);
  });
});

describe('spikelab report', () => {
  const golden = (name: string) => new URL(`../golden/reports/${name}`, import.meta.url).pathname;

  it('prints the tables of a version 2 report written before version 3, and --json gives it as version 3', async () => {
    const r = await runCli(['report', golden('v2-digits.json')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\| test accuracy \[95 % CI\] \| 97\.77 % \[95\.67, 98\.87\]/);
    expect(r.out).toMatch(/upgraded from version 2/);
    const j = await runCli(['report', golden('v2-digits.json'), '--json']);
    expect(parseReport(j.out).schemaVersion).toBe(3);
    expect(JSON.parse(j.out).upgradedFrom).toBe(2);
  });

  it('prints a version 3 report as compare printed it', async () => {
    const dir = outDir();
    const c = await runCli(['compare', '--dataset', 'xor', '--timesteps', '20', '--out', dir]);
    const r = await runCli(['report', join(dir, 'compare-xor-current-T20-seed0.json')]);
    expect(r.code).toBe(0);
    expect(c.out.startsWith(r.out)).toBe(true);
  });

  it.each([
    [
      'a report of schema version 4',
      { schemaVersion: 4 },
      /\.schemaVersion: got 4; allowed: 1, 2, 3/,
    ],
    [
      'a report whose network list is empty',
      'empty',
      /\.networks: got an array of 0; allowed: at least one network/,
    ],
    ['not JSON', '{oops', /: not JSON/],
  ])('%s: one line naming the field, exit code 2', async (_, content, message) => {
    const dir = outDir();
    const file = join(dir, 'bad.json');
    let text = typeof content === 'string' ? content : JSON.stringify(content);
    if (content === 'empty') {
      const v3 = await runCli(['report', golden('v2-digits.json'), '--json']);
      text = JSON.stringify({ ...JSON.parse(v3.out), networks: [] });
    }
    writeFileSync(file, text);
    const r = await runCli(['report', file]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(message);
    expect((await runCli(['report', join(dir, 'missing.json')])).err).toMatch(
      /missing\.json: cannot read/,
    );
  });
});
