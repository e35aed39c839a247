/**
 * `spikelab simulate microcircuit`: its size flags and the memory check, each
 * refused by name before anything is allocated.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';

describe('simulate microcircuit', () => {
  it('--scale 0 and --scale 2 are refused with the allowed range', async () => {
    const zero = await runCli(['simulate', 'microcircuit', '--scale', '0']);
    expect(zero.code).toBe(2);
    expect(zero.err).toMatch(/--scale/);
    const two = await runCli(['simulate', 'microcircuit', '--scale', '2']);
    expect(two.code).toBe(2);
    expect(two.err).toMatch(/--scale: got 2; allowed: a fraction in \(0, 1\] for microcircuit/);
  });

  it('a microcircuit too large for the memory given is refused with what it needs', async () => {
    const r = await runCli(['simulate', 'microcircuit', '--max-memory', '1']);
    expect(r.code).toBe(2);
    // 298,880,968 synapses at 9 bytes each alone exceed 1 GB
    expect(r.err).toMatch(
      /77,169 neurons and about 298,880,968 synapses needs [\d.]+ GB; the memory budget is 1\.0 GB/,
    );
  });

  it('runs at scale 0.02 and prints its eight populations', async () => {
    const r = await runCli([
      'simulate',
      'microcircuit',
      '--scale',
      '0.02',
      '--duration',
      '50',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.populations.map((p: { label: string }) => p.label)).toEqual([
      'L23E',
      'L23I',
      'L4E',
      'L4I',
      'L5E',
      'L5I',
      'L6E',
      'L6I',
    ]);
    expect(s.neurons).toBe(1544); // Σ round(0.02 N_x)
  });

  it('map --platform spinnaker sets the model beside the published SpiNNaker runs', async () => {
    const r = await runCli([
      'map',
      'microcircuit',
      '--platform',
      'spinnaker',
      '--scale',
      '0.02',
      '--duration',
      '50',
      '--placement',
      'sequential',
    ]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('van Albada et al. 2018');
    expect(r.out).toContain('4.4 µJ per synaptic event');
    expect(r.out).toContain('Rhodes et al. 2019');
    expect(r.out).toContain('0.6 µJ per synaptic event');
    // 414, 117, 438, 110, 97, 21, 288, 59 neurons at ≤ 256 per core, one population per core: 11 cores
    const m = r.out.match(
      /this model .*: (\d+) cores on (\d+) chips, .*?([\d.]+) µJ per synaptic event/,
    );
    expect(m, r.out).not.toBeNull();
    expect(Number(m![1])).toBe(11);
    expect(Number(m![3])).toBeGreaterThan(0);
    expect(Number(m![3])).toBeLessThan(0.6);
  }, 60_000);
});
