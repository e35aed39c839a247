import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { networkToJson } from '../../sim/io/network-json.ts';
import { readSpikeFile } from '../../sim/io/spike-file.ts';
import { cuba } from '../../sim/models/cuba.ts';
import { memoryIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';

const dir = mkdtempSync(join(tmpdir(), 'spikelab-simulate-'));

async function run(args: string[]) {
  const io = memoryIo();
  const code = await main(['simulate', ...args], io);
  return { code, out: io.stdout.join(''), err: io.stderr.join('') };
}

describe('spikelab simulate', () => {
  it('--json prints one object with the documented fields', async () => {
    const r = await run(['cuba', '--n', '1000', '--duration', '100', '--seed', '2', '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    for (const k of [
      'neurons',
      'synapses',
      'durationMs',
      'dt',
      'seed',
      'spikes',
      'meanRateHz',
      'cvIsi',
      'synapticEvents',
      'buildSeconds',
      'simulationSeconds',
      'synapticEventsPerSecond',
    ]) {
      expect(s).toHaveProperty(k);
    }
    expect(s).toMatchObject({ neurons: 1000, durationMs: 100, dt: 0.1, seed: 2 });
    expect(s.populations.map((p: { label: string }) => p.label)).toEqual(['exc', 'inh']);
    expect(s.populations[0].spikes + s.populations[1].spikes).toBe(s.spikes);
  });

  it('streams the raster to CSV and binary files with every spike', async () => {
    const csv = join(dir, 'r.csv');
    const bin = join(dir, 'r.spk');
    const a = JSON.parse(
      (await run(['cuba', '--n', '800', '--duration', '200', '--raster', csv, '--json'])).out,
    );
    const b = JSON.parse(
      (await run(['cuba', '--n', '800', '--duration', '200', '--raster', bin, '--json'])).out,
    );
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('time_ms,neuron');
    expect(lines.length - 1).toBe(a.spikes);
    const rec = readSpikeFile(readFileSync(bin));
    expect(rec.ids.length).toBe(b.spikes);
    expect(rec.dt).toBe(0.1);
    const [t, id] = lines[1]!.split(',');
    expect([Number(t), Number(id)]).toEqual([rec.ticks[0]! * 0.1, rec.ids[0]]);
  });

  it('runs a network JSON file, with --dt and --seed overriding the file', async () => {
    const f = join(dir, 'net.json');
    writeFileSync(f, networkToJson(cuba({ n: 600 })));
    const s = JSON.parse(
      (await run([f, '--duration', '50', '--dt', '0.05', '--seed', '9', '--json'])).out,
    );
    expect(s).toMatchObject({ neurons: 600, dt: 0.05, seed: 9, durationMs: 50 });
  });

  it('--backend js and wasm print the same spikes, rates and events (bit-identical kernels)', async () => {
    const args = ['brunel', '--scale', '0.05', '--duration', '100', '--json'];
    const js = JSON.parse((await run([...args, '--backend', 'js'])).out);
    const wasm = JSON.parse((await run([...args, '--backend', 'wasm'])).out);
    const auto = JSON.parse((await run(args)).out);
    expect([js.backend, wasm.backend, auto.backend]).toEqual(['js', 'wasm', 'wasm']);
    expect(wasm.spikes).toBeGreaterThan(100);
    for (const k of ['spikes', 'meanRateHz', 'cvIsi', 'synapticEvents', 'populations'] as const) {
      expect(wasm[k], k).toEqual(js[k]);
    }
  });

  it('ends invalid parameters with one error line and exit code 2', async () => {
    const bad = join(dir, 'bad.json');
    const spec = JSON.parse(networkToJson(cuba({ n: 100 })));
    spec.populations[0].params.tauM = -5;
    writeFileSync(bad, JSON.stringify(spec));
    const shortDelay = join(dir, 'delay.json');
    spec.populations[0].params.tauM = 20;
    spec.projections[0].delay = 0.01;
    writeFileSync(shortDelay, JSON.stringify(spec));
    const cases: [string[], RegExp][] = [
      [['cuba', '--dt', '2'], /--dt <ms>' argument '2' is invalid/],
      [['cuba', '--dt', '0.001'], /Allowed: a finite number ≥ 0.01 and ≤ 1/],
      [['cuba', '--duration', '-5'], /--duration/],
      [['cuba', '--scale', '2'], /--scale: got 2; allowed: only with brunel/],
      [
        ['cuba', '--backend', 'gpu'],
        /'--backend <name>' argument 'gpu' is invalid. Allowed choices are auto, wasm, js/,
      ],
      [['nest.txt'], /network: got "nest.txt"/],
      [[bad], /populations.0.params.tauM: got -5; allowed: a finite number > 0 \(ms\)/],
      [[shortDelay], /projections.0.delay: got 0.01; allowed: delays ≥ one tick \(dt = 0.1 ms\)/],
      [
        ['cuba', '--n', '200000000'],
        /needs .* elements in one array|a network of 200,000,000 neurons .* needs/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err.trim().split('\n').length).toBe(1);
    }
  });
});
