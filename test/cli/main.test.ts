import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';

describe('spikelab CLI', () => {
  it('prints help with exit code 0', async () => {
    const io = memoryIo();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.stdout.join('')).toMatch(/Usage: spikelab/);
  });

  it('ends an unknown option with one error line and exit code 2', async () => {
    const io = memoryIo();
    expect(await main(['--frobnicate'], io)).toBe(2);
    expect(io.stderr.join('')).toMatch(/^error: unknown option '--frobnicate'\n$/);
  });

  it("prints a bad file's error on one line even when the parser quotes a newline", async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'spikelab-cli-')), 'bad.json');
    writeFileSync(file, 'not json\n');
    const io = memoryIo();
    expect(await main(['simulate', file], io)).toBe(2);
    const text = io.stderr.join('');
    expect(text).toMatch(/^error: .*bad\.json: not valid JSON/);
    expect(text.trimEnd().split('\n')).toHaveLength(1);
  });

  it('ends quietly (exit 0, nothing on stderr) when its reader has closed the pipe, as `spikelab compare --help | head -1` may', () => {
    const bin = resolve(import.meta.dirname, '../../bin/spikelab.js');
    // `true` exits at once: by the time the CLI writes, nothing reads the pipe
    const r = spawnSync(
      'bash',
      ['-c', `set -o pipefail; "${process.execPath}" "${bin}" compare --help | true`],
      { encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.each(['train', 'simulate', 'compare', 'map', 'web'])(
    '`%s --help` gives every option its default (or says it is required)',
    async (command) => {
      const io = memoryIo();
      expect(await main([command, '--help'], io)).toBe(0);
      const lines = io.stdout.join('').split('\n');
      const starts = lines.flatMap((l, i) => (/^\s+-/.test(l) ? [i] : []));
      expect(starts.length).toBeGreaterThan(1);
      starts.forEach((start, k) => {
        const entry = lines
          .slice(start, starts[k + 1] ?? lines.length)
          .join(' ')
          .replace(/\s+/g, ' ');
        if (/--help/.test(entry)) return;
        expect(entry, entry.trim().split(/\s+/)[0]).toMatch(/(\(|, )default: |\(required\)/);
      });
    },
  );
});

describe('the command table', () => {
  it('lists each command with the description its module gives it (the two cannot drift)', async () => {
    const { Command } = await import('commander');
    const { commands } = await import('../../src/cli/commands/index.ts');
    for (const entry of commands) {
      const program = new Command('spikelab');
      const command = (await entry.load())(program, memoryIo());
      expect(command.name()).toBe(entry.name);
      expect(command.description()).toBe(entry.summary);
    }
  });

  it('reports the version package.json declares', async () => {
    const { VERSION } = await import('../../src/cli/main.ts');
    const { readFileSync } = await import('node:fs');
    const pkg = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8'),
    );
    expect(VERSION).toBe(pkg.version);
  });

  it('runs a command named after `help`, and suggests the nearest name for a typo', async () => {
    const help = memoryIo();
    expect(await main(['help', 'simulate'], help)).toBe(0);
    expect(help.stdout.join('')).toMatch(/Usage: spikelab simulate \[options\] <network>/);
    const typo = memoryIo();
    expect(await main(['simulat'], typo)).toBe(2);
    expect(typo.stderr.join('')).toMatch(/Did you mean simulate\?/);
  });
});
