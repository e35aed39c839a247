/**
 * The worker API called directly in Node, as the page calls it through
 * comlink: the raster holds exactly the spikes the summary counts, rates and
 * traces agree with them, the hardware report sees the same events, bad
 * input comes back as a named error, and cancel stops a run early.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { networkToJson } from '../../../sim/io/network-json.ts';
import { cuba } from '../../../sim/models/cuba.ts';
import { formatBytes } from '../../../src/core/memory.ts';
import { createSimApi } from '../../../web/worker/api.ts';
import type { SimResponse, SimResult } from '../../../web/worker/result.ts';
import { transferables } from '../../../web/worker/result.ts';

function ok(r: SimResponse): SimResult {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.result;
}

const small = {
  network: { kind: 'reference', model: 'cuba', n: 1000 },
  durationMs: 200,
  dt: 0.1,
  seed: 2,
  platform: 'spinnaker',
};

describe('worker API: simulate', () => {
  it('CUBA 1,000, 200 ms: recorded spikes = summary spikes, ticks ascending, ids < 1,000; the hardware counter saw the same spikes and synaptic events', async () => {
    const r = ok(await createSimApi().simulate(small));
    const { ticks, ids } = r.spikes;
    expect(r.summary.spikes).toBeGreaterThan(200);
    expect(ticks.length).toBe(r.summary.spikes);
    expect(r.spikes.total).toBe(r.summary.spikes);
    for (let k = 1; k < ticks.length; k++) expect(ticks[k]!).toBeGreaterThanOrEqual(ticks[k - 1]!);
    expect(Math.max(...ids)).toBeLessThan(1000);
    expect(Math.max(...ticks)).toBeLessThan(2000);
    const hw = r.hardware!.report!;
    expect(hw.spikes).toBe(r.summary.spikes);
    expect(hw.synapticEvents).toBe(r.summary.synapticEvents);
    expect(hw.ticks).toBe(200); // 1 ms platform ticks
  });

  it('rates × bin width × population size add up to each population’s spike count', async () => {
    const r = ok(await createSimApi().simulate({ ...small, platform: 'none' }));
    const { binMs, bins, values } = r.rates;
    expect(binMs).toBeCloseTo(0.5, 12); // 200 ms / 400 bins
    r.populations.forEach((p, i) => {
      let sum = 0;
      for (let b = 0; b < bins; b++) sum += (values[i * bins + b]! * p.size * binMs) / 1000;
      expect(sum).toBeCloseTo(r.summary.populations[i]!.spikes, 6);
    });
    expect(r.hardware).toBeNull();
  });

  it('default traces: exc 0, exc 1, inh 0 sampled every tick (2,000 samples), v within [−60, −50] mV at time 0', async () => {
    const r = ok(await createSimApi().simulate(small));
    const t = r.traces;
    expect(t.labels).toEqual(['exc 0', 'exc 1', 'inh 0']);
    expect(t.neurons).toEqual([0, 1, 800]);
    expect(t.samples).toBe(2000);
    for (let j = 0; j < 3; j++) {
      expect(t.values[j]!).toBeGreaterThanOrEqual(-60);
      expect(t.values[j]!).toBeLessThanOrEqual(-50);
    }
  });

  it('the result’s four bulk buffers are distinct ArrayBuffers (transferable, nothing shared)', async () => {
    const r = ok(await createSimApi().simulate({ ...small, durationMs: 20 }));
    const bufs = transferables(r);
    expect(bufs.every((b) => b instanceof ArrayBuffer)).toBe(true);
    expect(new Set(bufs).size).toBe(4);
  });

  it('a network file runs with its own dt and seed, and gives the same spikes as the reference model it stores', async () => {
    const api = createSimApi();
    const text = networkToJson(cuba({ n: 300, dt: 0.5, seed: 7 }));
    const a = ok(
      await api.simulate({
        network: { kind: 'file', name: 'net.json', text },
        durationMs: 100,
        platform: 'none',
      }),
    );
    const b = ok(
      await api.simulate({
        network: { kind: 'reference', model: 'cuba', n: 300 },
        durationMs: 100,
        dt: 0.5,
        seed: 7,
        platform: 'none',
      }),
    );
    expect(a.dt).toBe(0.5);
    expect(a.name).toBe('cuba');
    expect(a.summary.spikes).toBe(b.summary.spikes);
    expect(Array.from(a.spikes.ids)).toEqual(Array.from(b.spikes.ids));
  });

  it('examples/networks/feedforward.json (100 Poisson sources → 50 → 10): the raster holds neuron and source spikes, the summary counts neurons only, traces skip the sources', async () => {
    const text = readFileSync(
      new URL('../../../examples/networks/feedforward.json', import.meta.url),
      'utf8',
    );
    const r = ok(
      await createSimApi().simulate({
        network: { kind: 'file', name: 'feedforward.json', text },
        durationMs: 500,
        platform: 'loihi',
      }),
    );
    const sources = r.populations[0]!;
    expect(sources).toMatchObject({ kind: 'poisson', offset: 0, size: 100 });
    let fromSources = 0;
    for (const id of r.spikes.ids) if (id < 100) fromSources++;
    expect(fromSources).toBeGreaterThan(0);
    expect(r.spikes.ids.length).toBe(r.spikes.total);
    expect(r.spikes.total).toBe(r.summary.spikes + fromSources);
    expect(r.traces.labels).toEqual(['hidden 0', 'hidden 1', 'readout 0']);
    expect(r.hardware!.report!.spikes).toBe(r.spikes.total);
  });

  it('cancel during a 10 s run returns a partial result (stopped, duration < 10 s)', async () => {
    const api = createSimApi();
    const pending = api.simulate(
      { ...small, durationMs: 10_000, platform: 'none' },
      (p) => p.phase === 'simulate' && p.doneTicks > 0 && api.cancel(),
    );
    const r = ok(await pending);
    expect(r.summary.stopped).toBe(true);
    expect(r.summary.durationMs).toBeLessThan(10_000);
    expect(r.spikes.ticks.length).toBe(r.summary.spikes);
  });
});

describe('worker API: catalog', () => {
  it('the page’s limits are round in the units the page prints them in (1.0 GB, 256 MB; sizes are decimal)', () => {
    const { limits } = createSimApi().catalog();
    expect(formatBytes(limits.memoryBytes)).toBe('1.0 GB');
    expect(formatBytes(limits.maxFileBytes)).toBe('256 MB');
  });
});

describe('worker API: bad input is a named error, never a crash', () => {
  const api = createSimApi({ budgetBytes: 64 * 1024 ** 2 });
  const file = (text: string) => ({ ...small, network: { kind: 'file', name: 'bad.json', text } });

  it('not JSON: INVALID_FILE naming the file', async () => {
    const r = await api.simulate(file('{ not json'));
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_FILE' } });
    if (!r.ok) expect(r.error.message).toMatch(/^bad\.json: not valid JSON/);
  });

  it('wrong schema: INVALID_FILE naming the field path', async () => {
    const spec = JSON.parse(networkToJson(cuba({ n: 100 })));
    spec.populations[0].size = -4;
    const r = await api.simulate(file(JSON.stringify(spec)));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('bad.json.populations.0.size');
  });

  it('too large for the page: TOO_LARGE before allocating (CUBA 1,000,000 needs ~80 M synapses, budget 64 MB)', async () => {
    const t0 = performance.now();
    const r = await api.simulate({
      ...small,
      network: { kind: 'reference', model: 'cuba', n: 1e6 },
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
    if (!r.ok) expect(r.error.message).toMatch(/1,000,000 neurons.*needs/);
    expect(performance.now() - t0).toBeLessThan(2000); // refused from the estimate, nothing built
  });

  it('a form value out of range names the field and the allowed range', async () => {
    const r = await api.simulate({ ...small, dt: 5 });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    if (!r.ok)
      expect(r.error.message).toBe('request.dt: got 5; allowed: a number in [0.01, 1] (ms)');
  });

  it('a trace neuron outside the network names the id', async () => {
    const r = await api.simulate({ ...small, traceNeurons: [5000] });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.message).toMatch(/trace neuron: got 5000; allowed: a neuron id below 1000/);
  });
});

describe('worker API: errors found while building a file’s network name the file', () => {
  it('a delay below one tick: "net.json: projections.0.delay: got -1; …"', async () => {
    const spec = JSON.parse(networkToJson(cuba({ n: 100 })));
    spec.projections[0].delay = -1;
    const r = await createSimApi().simulate({
      ...small,
      network: { kind: 'file', name: 'net.json', text: JSON.stringify(spec) },
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.message).toMatch(/^net\.json: projections\.0\.delay: got -1; allowed/);
  });
});
