import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { networkToJson } from '../../sim/io/network-json.ts';
import { memoryIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';

const dir = mkdtempSync(join(tmpdir(), 'spikelab-map-'));

async function run(args: string[]) {
  const io = memoryIo();
  const code = await main(['map', ...args], io);
  return { code, out: io.stdout.join(''), err: io.stderr.join('') };
}

describe('spikelab map', () => {
  it('--json: one object, both placements on one simulation, each report equal to the engine’s counts', async () => {
    const r = await run(
      ['cuba', '--n', '1000', '--platform', 'spinnaker', '--duration', '200', '--seed', '3'].concat(
        '--json',
      ),
    );
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s).toMatchObject({
      platform: 'spinnaker',
      neurons: 1000,
      durationMs: 200,
      dt: 1,
      seed: 3,
    });
    expect(s.runs.map((x: { placement: string }) => x.placement)).toEqual([
      'sequential',
      'clustered',
    ]);
    for (const { report, joulesPerSimulatedSecond } of s.runs) {
      for (const k of [
        'cores',
        'chips',
        'packets',
        'hops',
        'synapticEvents',
        'realTime',
        'overrun',
      ])
        expect(report).toHaveProperty(k);
      expect(report.energy).toHaveProperty('breakdown');
      expect(report.energy.complete).toBe(true);
      expect(report.spikes).toBe(s.engine.spikes);
      expect(report.synapticEvents).toBe(s.engine.synapticEvents);
      // 200 ms of simulated time: J per second = 5 × J of the run
      expect(joulesPerSimulatedSecond).toBeCloseTo(report.energy.joules * 5, 12);
    }
  });

  it('prints the placements side by side, with the real-time verdict and the energy breakdown', async () => {
    const r = await run(['cuba', '--n', '600', '--platform', 'spinnaker', '--duration', '100']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^cuba on SpiNNaker 1: 600 neurons/);
    expect(r.out).toMatch(/\n\s+sequential\s+clustered\n/);
    for (const row of ['cores', 'chips', 'packets', 'router hops', 'synaptic events', 'real time'])
      expect(r.out).toMatch(new RegExp(`\\n${row}`));
    expect(r.out).toMatch(/\nenergy \(J\), static of the cores used/);
    expect(r.out).toMatch(/\n {2}static \(used cores\) /);
    expect(r.out).toMatch(/\nenergy \(J\), static of whole chips/);
    expect(r.out).toMatch(/\ntime on the chip \(s\) +0\.100 \(1\.00× real time\)/);
    expect(r.out).toMatch(/energy table: Stromatias et al. 2013/);
  });

  it('TrueNorth: one placement, with what the mapping changed (relays, weight quantisation)', async () => {
    const r = await run([
      'cuba',
      '--n',
      '300',
      '--platform',
      'truenorth',
      '--placement',
      'clustered',
      '--duration',
      '50',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\n\s+clustered\n/);
    expect(r.out).not.toMatch(/sequential/);
    expect(r.out).toMatch(/IBM TrueNorth changes \(clustered\):\n {2}fan-out: /);
    expect(r.out).toMatch(/\n {2}weights: ×566\.7 to integers/); // 255 / 0.45 nA
  });

  it('SpiNNaker 2 has no published costs: energy reported incomplete, verdict unknown', async () => {
    const r = await run(['cuba', '--n', '300', '--platform', 'spinnaker2', '--duration', '50']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/real time\s+unknown \(no budget\)/);
    expect(r.out).toMatch(/energy complete\s+no \(lower bound\)/);
    expect(r.out).toMatch(
      /\nunpriced .*: neuronUpdate, spike, synapticEvent, packet, delivery, static\n/,
    );
  });

  it('a network file at dt 0.1 ms is rebuilt at the 1 ms tick, and says so', async () => {
    const file = join(dir, 'net.json');
    writeFileSync(
      file,
      networkToJson({
        schemaVersion: 1,
        dt: 0.1,
        seed: 4,
        populations: [
          { label: 'in', size: 20, model: 'SpikeSourcePoisson', params: { rate: 50 } },
          { label: 'out', size: 10, model: 'IF_curr_delta' },
        ],
        projections: [
          {
            pre: 'in',
            post: 'out',
            connector: { type: 'allToAll' },
            weight: 2,
            delay: 1,
            receptor: 'excitatory',
          },
        ],
      }),
    );
    const r = await run([file, '--platform', 'loihi', '--duration', '100']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/10 neurons \+ 20 spike sources/);
    expect(r.out).toMatch(/note: the network's tick 0.1 ms was set to the platform's 1 ms/);
  });

  it('TrueNorth: a rate-coded IF network is deployed, and the counts printed are the deployed network’s (fan-in 300: split neurons)', async () => {
    const file = join(dir, 'converted.json');
    const w = Float32Array.from({ length: 300 * 4 }, (_, k) => ((k * 37) % 15) / 100 - 0.055);
    writeFileSync(
      file,
      networkToJson({
        schemaVersion: 1,
        dt: 1,
        seed: 2,
        populations: [
          { label: 'input', size: 300, model: 'SpikeSourcePoisson', params: { rate: 200 } },
          { label: 'output', size: 4, model: 'IF_nonleaky', params: { vThresh: 1, vReset: 0 } },
        ],
        projections: [
          {
            pre: 'input',
            post: 'output',
            connector: { type: 'fromMatrix', weights: w },
            delay: 1,
            receptor: 'excitatory',
          },
        ],
      }),
    );
    const r = await run([file, '--platform', 'truenorth', '--duration', '100', '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.deployedFrom).toEqual({ neurons: 4, sourceNeurons: 300, synapses: 1200 });
    expect(s.model).toBe('network (TrueNorth deployment)');
    for (const { report } of s.runs) {
      expect(report.deployment.layers[0]).toMatchObject({
        layer: 'output',
        fanIn: 300,
        split: true,
      });
      expect(report.synapticEvents).toBe(s.engine.synapticEvents); // the deployed network's own run
      expect(report.cores).toBe(report.deployment.cores.total);
    }
    const text = await run([file, '--platform', 'truenorth', '--duration', '100']);
    expect(text.out).toMatch(/deployed from 4 neurons \+ 300 spike sources and 1,200 synapses/);
    expect(text.out).toMatch(
      /\nIBM TrueNorth deployment:\n {2}deployed: \d+ TrueNorth neurons for 4 /,
    );
  });

  it('bad input ends in one error line and exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['cuba', '--platform', 'tpu'],
        /^error: option '--platform <name>' argument 'tpu' is invalid/,
      ],
      [['cuba'], /^error: required option '--platform <name>' not specified/],
      [['cuba', '--platform', 'loihi', '--placement', 'random'], /argument 'random' is invalid/],
      [
        ['hopfield', '--platform', 'loihi'],
        /^error: network: got "hopfield"; allowed: one of cuba/,
      ],
      [['cuba', '--platform', 'loihi', '--duration', '-1'], /--duration <ms>/],
      [
        ['cuba', '--platform', 'loihi', '--scale', '2'],
        /^error: --scale: got 2; allowed: only with brunel/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
  });
});
