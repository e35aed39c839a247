/**
 * simulateSpec and simulateSpecAsync: one run, two schedules. Same seed →
 * identical counts; `setup` sees the simulator before the first tick; a stop
 * request gives a consistent partial summary, an aborted signal CANCELLED.
 */
import { describe, expect, it } from 'vitest';
import { StateMonitor } from '../../sim/engine/monitors.ts';
import { cuba } from '../../sim/models/cuba.ts';
import { simulateSpec, simulateSpecAsync } from '../../sim/run.ts';

const spec = cuba({ n: 500, dt: 0.1, seed: 4 });

describe('simulateSpecAsync', () => {
  it('CUBA 500, 200 ms, seed 4: the same spikes and synaptic events as the synchronous run', async () => {
    const a = simulateSpec(spec, { durationMs: 200 });
    const b = await simulateSpecAsync(spec, { durationMs: 200, sliceMs: 1 });
    expect(a.spikes).toBeGreaterThan(0);
    expect(b.spikes).toBe(a.spikes);
    expect(b.synapticEvents).toBe(a.synapticEvents);
    expect(b.durationMs).toBe(200);
    expect(b.stopped).toBe(false);
  });

  it('setup runs at tick 0, so a state monitor attached there samples all 2,000 ticks', async () => {
    let monitor: StateMonitor | null = null;
    let tickAtSetup = -1;
    await simulateSpecAsync(spec, {
      durationMs: 200,
      setup: (sim) => {
        tickAtSetup = sim.tick;
        monitor = new StateMonitor(sim, 'exc', 'v', Uint32Array.of(0, 1));
      },
    });
    expect(tickAtSetup).toBe(0);
    expect(monitor!.values().length).toBe(2000 * 2);
  });

  it('shouldStop after the first progress report ends early with stopped = true and a duration below 200 ms', async () => {
    let calls = 0;
    const s = await simulateSpecAsync(spec, {
      durationMs: 200,
      onProgress: () => calls++,
      shouldStop: () => calls > 0,
    });
    expect(s.stopped).toBe(true);
    expect(s.durationMs).toBeLessThan(200);
    expect(s.durationMs).toBeGreaterThan(0);
  });

  it('an aborted signal rejects with CANCELLED', async () => {
    const ctl = new AbortController();
    ctl.abort();
    await expect(
      simulateSpecAsync(spec, { durationMs: 200, signal: ctl.signal }),
    ).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });
});
