import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModelText } from '../../src/ann/model-io.ts';
import { runCli } from '../support/cli.ts';

describe('spikelab train', () => {
  it('--json prints one object with the documented fields (XOR: 100 % after the default 300 epochs)', async () => {
    const r = await runCli(['train', '--dataset', 'xor', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    for (const key of [
      'dataset',
      'trainAccuracy',
      'testAccuracy',
      'epochs',
      'seconds',
      'parameters',
    ])
      expect(j).toHaveProperty(key);
    expect(j.dataset).toBe('xor');
    expect(j.testAccuracy).toBe(1);
    expect(j.parameters).toBe(2 * 16 + 16 + 16 + 1); // 2-16-1 with biases
  });

  it('regression reports testLoss and testNll', async () => {
    const j = JSON.parse(
      (await runCli(['train', '--dataset', 'dogs', '--epochs', '2', '--json'])).out,
    );
    expect(j.task).toBe('regression');
    expect(Number.isFinite(j.testLoss)).toBe(true);
    expect(Number.isFinite(j.testNll)).toBe(true);
    expect(j.testAccuracy).toBeUndefined();
  });

  it('prints a results table by default and saves a model that loads bit-exactly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spikelab-'));
    const file = join(dir, 'iris.json');
    const r = await runCli(['train', '--dataset', 'iris', '--epochs', '5', '--save', file]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/test accuracy\s+│\s+\d+\.\d\d %/);
    const { model, meta } = loadModelText(readFileSync(file, 'utf8'));
    expect(model.parameterCount).toBe(4 * 16 + 16 + 16 * 3 + 3);
    expect(meta['classes']).toEqual(['setosa', 'versicolor', 'virginica']);
  });

  it('the same seed gives the same result; --seed changes it', async () => {
    const a = JSON.parse(
      (await runCli(['train', '--dataset', 'moons', '--epochs', '3', '--json'])).out,
    );
    const b = JSON.parse(
      (await runCli(['train', '--dataset', 'moons', '--epochs', '3', '--json'])).out,
    );
    const c = JSON.parse(
      (await runCli(['train', '--dataset', 'moons', '--epochs', '3', '--seed', '1', '--json'])).out,
    );
    expect(b.trainLoss).toBe(a.trainLoss);
    expect(c.trainLoss).not.toBe(a.trainLoss);
  });

  it('--help lists every option with its default', async () => {
    const r = await runCli(['train', '--help']);
    expect(r.code).toBe(0);
    for (const flag of [
      '--dataset',
      '--hidden',
      '--activation',
      '--loss',
      '--optimizer',
      '--epochs',
      '--batch',
      '--lr',
      '--seed',
      '--save',
      '--json',
    ]) {
      const line = r.out.split('\n').findIndex((l) => l.trimStart().startsWith(flag));
      expect(line, flag).toBeGreaterThanOrEqual(0);
      // the default may wrap onto the next line
      expect(
        r.out
          .split('\n')
          .slice(line, line + 3)
          .join(' '),
        flag,
      ).toMatch(/default:/);
    }
    expect(r.out).toMatch(/digits\s+hidden 256/);
  });

  it.each([
    [
      ['train', '--dataset', 'cifar'],
      /^error: option '--dataset <name>' argument 'cifar' is invalid\. Allowed choices are xor, moons/,
    ],
    [
      ['train', '--epochs', '-1'],
      /^error: option '--epochs <n>' argument '-1' is invalid\. Allowed: an integer in \[1, 100000\]/,
    ],
    [
      ['train', '--hidden', '12,x'],
      /^error: option '--hidden <sizes>' argument '12,x' is invalid\. Allowed: comma-separated integers/,
    ],
    [
      ['train', '--lr', '0'],
      /^error: option '--lr <x>' argument '0' is invalid\. Allowed: a finite number > 0/,
    ],
    [
      ['train', '--dataset', 'digits', '--loss', 'bce'],
      /^error: loss: got "bce"; allowed for dataset digits: softmax-ce\n$/,
    ],
  ])('%j ends with one error line naming the flag and exit code 2', async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('--save to an unwritable place is a one-line error with exit code 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spikelab-'));
    writeFileSync(join(dir, 'file'), '');
    const r = await runCli([
      'train',
      '--dataset',
      'xor',
      '--epochs',
      '1',
      '--save',
      join(dir, 'file', 'model.json'),
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: --save: cannot write /);
  });
});
