/**
 * `simulate --threads`: the same summary on 1, 2 and 3 threads (spikes,
 * counts and statistics; only the timings differ), `--threads 0` refused by
 * name, more threads than cores allowed with a warning, and a network split
 * no further than its populations' blocks said so.
 */
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';

const timings = ['buildSeconds', 'simulationSeconds', 'synapticEventsPerSecond', 'threads'];
const withoutTimings = (json: string) => {
  const s = JSON.parse(json) as Record<string, unknown>;
  for (const k of timings) delete s[k];
  return s;
};

describe('simulate --threads', () => {
  it('brunel at scale 0.1 gives the same summary on 1, 2 and 3 threads', async () => {
    const args = ['simulate', 'brunel', '--scale', '0.1', '--duration', '100', '--json'];
    const runs = await Promise.all(['1', '2', '3'].map((t) => runCli([...args, '--threads', t])));
    for (const r of runs) expect(r.code, r.err).toBe(0);
    expect(runs.map((r) => JSON.parse(r.out).threads)).toEqual([1, 2, 3]);
    const one = withoutTimings(runs[0]!.out);
    expect(one.spikes).toBeGreaterThan(1000);
    expect(withoutTimings(runs[1]!.out)).toEqual(one);
    expect(withoutTimings(runs[2]!.out)).toEqual(one);
  }, 120_000);

  it('--threads 0 is refused with the allowed values', async () => {
    const r = await runCli(['simulate', 'cuba', '--threads', '0']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--threads <N>' argument '0' is invalid\. Allowed: an integer ≥ 1/);
  });

  it('more threads than cores runs with a warning, on as many as the network has blocks', async () => {
    // CUBA 1,000: 800 excitatory neurons are 4 blocks of 256, so at most 4 threads get neurons
    const r = await runCli([
      'simulate',
      'cuba',
      '--n',
      '1000',
      '--duration',
      '20',
      '--threads',
      '999',
    ]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(
      `--threads 999 is more than the ${availableParallelism()} cores; the threads will share them`,
    );
    expect(r.err).toContain('4 of the 999 threads get neurons');
    expect(r.out).toMatch(/4 threads\)/);
  }, 60_000);

  it('without --threads, a small network runs on one thread and a large one on the cores', async () => {
    // CUBA 4,000 (320,000 synapses) is below 30,000 neurons and 3 million synapses; CUBA 40,000 is not
    const small = await runCli(['simulate', 'cuba', '--duration', '20', '--json']);
    expect(small.code, small.err).toBe(0);
    expect(JSON.parse(small.out).threads).toBe(1);
    const large = await runCli(['simulate', 'cuba', '--n', '40000', '--duration', '20', '--json']);
    expect(large.code, large.err).toBe(0);
    expect(JSON.parse(large.out).threads).toBe(Math.min(availableParallelism(), 125));
  }, 60_000);

  it('a network that fits the memory once but not twice runs on one thread, unless --threads asks for more', async () => {
    // the microcircuit at scale 0.1: 270 MB of connectivity, shared with a second thread 602 MB
    const args = [
      'simulate',
      'microcircuit',
      '--scale',
      '0.1',
      '--duration',
      '10',
      '--max-memory',
      '0.5',
    ];
    const auto = await runCli([...args, '--json']);
    expect(auto.code, auto.err).toBe(0);
    expect(JSON.parse(auto.out).threads).toBe(1);
    // (a one-core machine never tries a second thread)
    if (availableParallelism() > 1)
      expect(auto.err).toMatch(
        /needs 602 MB; the memory budget is 500 MB .*; running on one thread/,
      );
    const two = await runCli([...args, '--threads', '2']);
    expect(two.code).toBe(2);
    expect(two.err).toMatch(
      /shared by 2 threads, its shares and the threads themselves needs 602 MB/,
    );
  }, 120_000);
});
