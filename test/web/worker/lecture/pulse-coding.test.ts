/**
 * Pulse coding as the page runs it (s = 0.6, 20 trials): the latency code's
 * mean first-spike time is within 1 ms of (1 − s)·19.9 ms, and from a 10 ms
 * window on it decodes s better than the rate code does from 100 ms; before
 * its volley (at 7.96 ms) it knows nothing. The same seed gives the same
 * spikes; a bad stimulus is named.
 */
import { describe, expect, it } from 'vitest';
import { createLectureApi } from '../../../../web/worker/lecture/api.ts';
import { codingLesson, decode } from '../../../../web/worker/lecture/pulse-coding.ts';

describe('codingLesson', () => {
  const l = codingLesson({ stimulus: 0.6 });
  const at = (code: 'rate' | 'latency' | 'population', w: number) =>
    l.errors[code][l.windows.indexOf(w)]!;

  it('latency: decode error ≤ 1 ms (10 spikes jittered by 0.5 ms: ≈ 0.16 ms expected)', () => {
    expect(l.latencyErrorMs).toBeLessThanOrEqual(1);
  });

  it('latency after 10 ms beats rate after 100 ms; before 5 ms the latency code has not fired (error = s)', () => {
    expect(at('latency', 10)).toBeLessThan(at('rate', 100));
    expect(at('latency', 5)).toBeCloseTo(0.6, 12);
  });

  it('the rate code’s error falls with the window (Poisson counts: relative error ~ 1/√count)', () => {
    expect(at('rate', 200)).toBeLessThan(at('rate', 20));
    expect(at('rate', 20)).toBeLessThan(at('rate', 2));
  });

  it('each code drives its LIF neuron, which spikes, and the membrane trace has 400 samples (0.5 ms over 200 ms)', () => {
    for (const r of l.runs) {
      expect(r.output.length).toBeGreaterThan(0);
      expect(r.v.length).toBe(400);
    }
  });

  it('is deterministic for a seed', () => {
    const again = codingLesson({ stimulus: 0.6, trials: 1 });
    expect(Array.from(again.runs[0]!.input.t)).toEqual(Array.from(l.runs[0]!.input.t));
  });

  it('decoders: 30 rate spikes in 50 ms from 10 inputs at ≤ 100 Hz read 0.6; a population spike at source 15 of 16 reads 1', () => {
    const t = Array.from({ length: 30 }, (_, i) => i);
    expect(decode('rate', t, t, 50)).toBeCloseTo(0.6, 12);
    expect(decode('population', [3], [15], 10)).toBe(1);
  });

  it('names a stimulus outside [0.05, 1]', () => {
    const r = createLectureApi().coding({ stimulus: 0 });
    expect(r.ok ? '' : r.error.message).toMatch(
      /^coding\.stimulus: got 0; allowed: a number in \[0\.05, 1\]/,
    );
  });
});
