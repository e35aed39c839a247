/**
 * The page's engine on threads, in Node: the worker's API with the page's
 * spawner over worker_threads (test/support/message-spawner.ts, the same
 * awaited start and share-serving code as the page's Web Workers). Which
 * count the page chooses (the CLI's rule, cross-origin isolation first),
 * the request's `threads` validated by name, and a run on threads giving
 * the one-thread spikes and hardware counts, without traces, said so.
 */
import { describe, expect, it } from 'vitest';
import { cuba } from '../../../sim/models/cuba.ts';
import { buildNetwork } from '../../../sim/network/build.ts';
import { createSimApi } from '../../../web/worker/api.ts';
import {
  NO_TRACES_ON_THREADS,
  NOT_ISOLATED,
  pageThreads,
  type ThreadEnv,
} from '../../../web/worker/page-threads.ts';
import { parseSimRequest } from '../../../web/worker/request.ts';
import type { SimResult } from '../../../web/worker/result.ts';
import { messageSpawner } from '../../support/message-spawner.ts';

const isolated: ThreadEnv = { isolated: true, cores: 2, spawner: messageSpawner };
const notIsolated: ThreadEnv = { ...isolated, isolated: false };
// CUBA 30,000: exactly the rule's 30,000 neurons (2.4 million synapses); CUBA 4,000: 320,000 synapses
const large = buildNetwork(cuba({ n: 30_000, seed: 1 }));
const small = buildNetwork(cuba({ n: 4_000, seed: 1 }));

describe('the page’s choice of threads', () => {
  it('isolated on 2 cores: CUBA 30,000 on 2 threads, CUBA 4,000 on 1 with nothing to say', () => {
    expect(pageThreads(large, undefined, isolated)).toEqual({ threads: 2, note: null });
    expect(pageThreads(small, undefined, isolated)).toEqual({ threads: 1, note: null });
  });

  it('an explicit count overrides the rule: 2 threads for CUBA 4,000, 1 for CUBA 30,000', () => {
    expect(pageThreads(small, 2, isolated).threads).toBe(2);
    expect(pageThreads(large, 1, isolated).threads).toBe(1);
  });

  it('one core: one thread, by the rule', () => {
    expect(pageThreads(large, undefined, { ...isolated, cores: 1 })).toEqual({
      threads: 1,
      note: null,
    });
  });

  it('not cross-origin isolated: one thread, said for a network worth threads; an explicit 2 refused naming threads', () => {
    expect(pageThreads(large, undefined, notIsolated)).toEqual({ threads: 1, note: NOT_ISOLATED });
    expect(pageThreads(small, undefined, notIsolated)).toEqual({ threads: 1, note: null });
    expect(() => pageThreads(small, 2, notIsolated)).toThrow(
      /^threads: got 2; the page is not cross-origin isolated .*; allowed: 1$/,
    );
  });

  it('the request’s threads: an integer from 1 to 64, else an error naming the field and the range', () => {
    const req = (threads: unknown) => ({
      network: { kind: 'reference', model: 'cuba' },
      durationMs: 10,
      platform: 'none',
      threads,
    });
    expect(parseSimRequest(req(64)).threads).toBe(64);
    for (const [bad, shown] of [
      [0, '0'],
      [65, '65'],
      [1.5, '1.5'],
      ['two', '"two"'],
    ] as const)
      expect(() => parseSimRequest(req(bad)), shown).toThrow(
        `request.threads: got ${shown}; allowed: an integer in [1, 64]`,
      );
  });
});

async function simulate(request: Record<string, unknown>, env: ThreadEnv, budgetBytes?: number) {
  const api = createSimApi({ threads: env, ...(budgetBytes !== undefined && { budgetBytes }) });
  const r = await api.simulate({
    network: { kind: 'reference', model: 'cuba', n: 30_000 },
    ...request,
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.result;
}

/** CUBA 30,000 at seed 1 in its first 20 ms, on one thread (the same on any number of threads). */
const SPIKES_20MS = 5805;

const spikes = (r: SimResult) => ({
  ticks: Array.from(r.spikes.ticks),
  ids: Array.from(r.spikes.ids),
});

describe('a page run on threads', () => {
  it('CUBA 30,000, 20 ms, SpiNNaker: 2 threads by the rule give the one-thread spikes and hardware counts, no traces', async () => {
    const base = { durationMs: 20, dt: 0.1, seed: 1, platform: 'spinnaker' };
    const one = await simulate({ ...base, threads: 1 }, isolated);
    const two = await simulate(base, isolated);
    expect(one.summary.threads).toBe(1);
    expect(one.threadNote).toBeNull();
    // the default traces: the first two excitatory neurons and the first inhibitory one
    expect(one.traces.neurons).toEqual([0, 1, 24_000]);
    expect(two.summary.threads).toBe(2);
    expect(two.threadNote).toBe(NO_TRACES_ON_THREADS);
    expect(two.traces.neurons).toEqual([]);
    expect(one.summary.spikes).toBe(SPIKES_20MS);
    expect(two.summary.spikes).toBe(one.summary.spikes);
    expect(spikes(two)).toEqual(spikes(one));
    expect(two.rates.values).toEqual(one.rates.values);
    expect(two.hardware?.error).toBeNull();
    expect(two.hardware?.report).toEqual(one.hardware?.report);
  }, 120_000);

  it('fits the 80 MB budget once (21.8 MB of connectivity) but not twice with a thread (107.7 MB): one thread, said why', async () => {
    const r = await simulate({ durationMs: 5, platform: 'none' }, isolated, 80e6);
    expect(r.summary.threads).toBe(1);
    expect(r.threadNote).toMatch(
      /^the connectivity shared by 2 threads, its shares and the threads themselves needs 108 MB; the memory budget is 80\.0 MB .*; ran on one thread$/,
    );
  }, 60_000);
});
