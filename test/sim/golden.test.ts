/**
 * Golden spikes (the .noreg idea of pure-rand): the first 200 spikes and the
 * counts of 100 ms of CUBA (seed 1) and Brunel at scale 0.1 (seed 1), stored in
 * test/golden/sim-first-spikes.json. Same seed, same spikes, on every
 * platform and after every refactoring: a change here needs a commit that says
 * why the dynamics changed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SpikeMonitor } from '../../sim/engine/monitors.ts';
import { Simulator } from '../../sim/engine/simulator.ts';
import { brunel } from '../../sim/models/brunel.ts';
import { cuba } from '../../sim/models/cuba.ts';
import { buildNetwork } from '../../sim/network/build.ts';
import type { NetworkSpec } from '../../sim/network/spec.ts';

interface Golden {
  ticks: number;
  spikes: number;
  synapticEvents: number;
  first: { ticks: number[]; ids: number[] };
}

const golden = JSON.parse(
  readFileSync(new URL('../golden/sim-first-spikes.json', import.meta.url), 'utf8'),
) as Record<string, Golden>;

const cases: [string, NetworkSpec][] = [
  ['cuba', cuba({ seed: 1 })],
  ['brunel-0.1', brunel({ scale: 0.1, seed: 1 })],
];

describe('golden spikes', () => {
  for (const [name, spec] of cases) {
    it(`${name}: the stored first 200 spikes and counts of ${golden[name]!.ticks} ticks`, () => {
      const g = golden[name]!;
      const mon = new SpikeMonitor(spec.dt);
      const r = new Simulator(buildNetwork(spec), { listeners: [mon] }).run(g.ticks);
      const rec = mon.record();
      expect(r.counts.spikes).toBe(g.spikes);
      expect(r.counts.synapticEvents).toBe(g.synapticEvents);
      expect(Array.from(rec.ticks.subarray(0, 200))).toEqual(g.first.ticks);
      expect(Array.from(rec.ids.subarray(0, 200))).toEqual(g.first.ids);
    });
  }
});
