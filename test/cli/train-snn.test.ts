import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSnnModelText } from '../../src/snn/model-io.ts';
import { runCli } from '../support/cli.ts';

const tiny = ['--dataset', 'yinyang', '--hidden', '16', '--epochs', '1', '--timesteps', '8'];

describe('spikelab train --paradigm snn', () => {
  it('--json: accuracy, spikes, trainSeconds and trainSamplesPerSecond', async () => {
    const r = await runCli(['train', '--paradigm', 'snn', ...tiny, '--json']);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.paradigm).toBe('snn');
    expect(j.layers).toEqual([4, 16, 3]);
    expect(j.trainSamples).toBe(5000);
    expect(j.testSamples).toBe(1000);
    // one epoch of 4-16-3 already beats the 1/3 of chance on Yin-Yang
    expect(j.testAccuracy).toBeGreaterThan(0.45);
    expect(j.trainSeconds).toBeGreaterThan(0);
    expect(j.trainSamplesPerSecond).toBeCloseTo(5000 / j.trainSeconds, 6);
    expect(j.spikesPerSample).toBeGreaterThan(0);
  });

  it('--tau-mem/--tau-syn set β = e^(−dt/τ) and α; --save writes a model that loads bit-exactly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spikelab-snn-'));
    const file = join(dir, 'yy.json');
    const args = ['train', '--paradigm', 'snn', ...tiny, '--neuron', 'cubalif', '--tau-mem', '20'];
    const r = await runCli([
      ...args,
      '--tau-syn',
      '10',
      '--dt',
      '2',
      '--recurrent',
      '--save',
      file,
      '--json',
    ]);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.settings.beta).toBe(Math.exp(-2 / 20));
    expect(j.settings.alpha).toBe(Math.exp(-2 / 10));
    const m = loadSnnModelText(readFileSync(file, 'utf8'));
    expect(m.network.arch.recurrent).toBe(true);
    expect(m.network.layers[0]!.recurrent!.value.shape).toEqual([16, 16]);
    expect(m.meta['testAccuracy']).toBe(j.testAccuracy);
  });

  it('a model file with a tampered shape is refused by name (exit 2 through the loader)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spikelab-snn-'));
    const file = join(dir, 'yy.json');
    expect(
      (await runCli(['train', '--paradigm', 'snn', ...tiny, '--save', file, '--json'])).code,
    ).toBe(0);
    const json = JSON.parse(readFileSync(file, 'utf8'));
    json.layers[1].weights.shape = [16, 4];
    writeFileSync(file, JSON.stringify(json));
    expect(() => loadSnnModelText(readFileSync(file, 'utf8'), file)).toThrow(
      /layers\.1\.weights\.shape: got \[16, 4\]; allowed: \[16, 3\]/,
    );
    json.layers[1].weights.shape = [16, 3];
    json.settings.beta = 1.5;
    expect(() => loadSnnModelText(JSON.stringify(json))).toThrow(/settings\.beta: got 1\.5/);
  });

  const bad: [string[], RegExp][] = [
    [
      ['--beta', '1.5'],
      /--beta <x>' argument '1\.5' is invalid\. Allowed: a finite number > 0 and ≤ 1/,
    ],
    [['--tau-mem', '0'], /--tau-mem <ms>' argument '0' is invalid/],
    [['--slope', '-1'], /--slope <x>' argument '-1' is invalid/],
    [
      ['--timesteps', '0'],
      /--timesteps <T>' argument '0' is invalid\. Allowed: an integer in \[1, 100000\]/,
    ],
    [
      ['--surrogate', 'nosuch'],
      /--surrogate <name>' argument 'nosuch' is invalid\. Allowed choices are fast-sigmoid, atan/,
    ],
    [
      ['--paradigm', 'quantum'],
      /--paradigm <name>' argument 'quantum' is invalid\. Allowed choices are ann, snn/,
    ],
    [
      ['--neuron', 'izhikevich'],
      /Allowed: lif, cubalif \(izhikevich is not supported yet by the trainer\)/,
    ],
    [['--beta', '0.9', '--tau-mem', '20'], /--beta and --tau-mem: got both/],
    [['--loss', 'mse'], /--loss: got "mse"; allowed with --paradigm snn: ce-membrane-sum/],
    [['--loss', 'ce-count'], /--loss: got "ce-count" with --readout li/],
  ];
  for (const [args, message] of bad) {
    it(`exit 2 naming the flag: ${args.join(' ')}`, async () => {
      const r = await runCli(['train', '--paradigm', 'snn', '--dataset', 'yinyang', ...args]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.out).toBe('');
    });
  }

  it('SNN flags with --paradigm ann are refused by name', async () => {
    const r = await runCli(['train', '--dataset', 'xor', '--timesteps', '10']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--timesteps: applies to --paradigm snn only/);
  });
});
