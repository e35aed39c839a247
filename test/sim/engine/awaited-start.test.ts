/**
 * The parallel engine started as the page starts it: share threads that say
 * they are built by message (asyncShareSpawner, the page's spawner, here on
 * worker_threads) and readiness awaited (ParallelSimulator.start). Brunel at
 * scale 0.1 (Poisson drive drawn per block, 15-tick windows) for 500 ticks
 * on 2 and 3 threads gives the one-thread engine's spikes bit for bit.
 */
import { describe, expect, it } from 'vitest';
import { SpikeMonitor } from '../../../sim/engine/monitors.ts';
import { ParallelSimulator } from '../../../sim/engine/parallel-simulator.ts';
import { Simulator } from '../../../sim/engine/simulator.ts';
import { brunel } from '../../../sim/models/brunel.ts';
import { buildNetwork } from '../../../sim/network/build.ts';
import { messageSpawner } from '../../support/message-spawner.ts';

const spec = brunel({ scale: 0.1, seed: 7 });
const TICKS = 500;

function spikesOf(mon: SpikeMonitor) {
  const r = mon.record();
  return { ticks: Array.from(r.ticks), ids: Array.from(r.ids) };
}

describe('the engine on threads started by message', () => {
  it('brunel 0.1, 500 ticks: 2 and 3 threads give the one-thread spikes and counts', async () => {
    const mon = new SpikeMonitor(spec.dt);
    const ref = new Simulator(buildNetwork(spec), { listeners: [mon] }).run(TICKS);
    const refSpikes = spikesOf(mon);
    // 2,622 spikes at seed 7 (about 31 Hz × 1,250 neurons × 50 ms, plus the first volley)
    expect(ref.counts.spikes).toBe(2622);
    for (const threads of [2, 3]) {
      const m = new SpikeMonitor(spec.dt);
      const sim = await ParallelSimulator.start(buildNetwork(spec), {
        threads,
        spawner: messageSpawner,
        cores: 2,
        listeners: [m],
        releaseConnectivity: true,
      });
      try {
        expect(sim.threads).toBe(threads);
        const got = await sim.runAsync(TICKS);
        expect(got.counts, `${threads} threads`).toEqual(ref.counts);
        expect(spikesOf(m), `${threads} threads`).toEqual(refSpikes);
      } finally {
        sim.close();
      }
    }
  }, 120_000);

  it('a simulator whose threads are not yet built refuses to run, naming ready()', async () => {
    const sim = new ParallelSimulator(buildNetwork(spec), {
      threads: 2,
      spawner: messageSpawner,
      cores: 2,
    });
    try {
      expect(() => sim.run(10)).toThrow(/still being built: await ready\(\)/);
      await sim.ready();
      expect(sim.run(10).ticks).toBe(10);
    } finally {
      sim.close();
    }
  }, 60_000);

  it('a thread that cannot build its share rejects start with its message', async () => {
    // threads given a one-byte memory budget: building the share's state is refused there (TOO_LARGE)
    const failing = (jobs: Parameters<typeof messageSpawner>[0]) =>
      messageSpawner(jobs.map((j) => ({ ...j, memoryBudgetBytes: 1 })));
    await expect(
      ParallelSimulator.start(buildNetwork(spec), { threads: 2, spawner: failing, cores: 2 }),
    ).rejects.toMatchObject({
      code: 'TOO_LARGE',
      message: expect.stringMatching(
        /^engine thread 1: simulation state .* the memory budget is 1 B/,
      ),
    });
  }, 60_000);
});
