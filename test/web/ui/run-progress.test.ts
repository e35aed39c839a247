/** runProgress passes a run's reports on until the run ends, and none after (a late report is dropped). */
import { describe, expect, it } from 'vitest';
import { runProgress } from '../../../web/ui/run-progress.ts';

describe('runProgress', () => {
  it('passes 2 reports before end and drops the one after', () => {
    const seen: number[] = [];
    const gate = runProgress<number>((p) => seen.push(p));
    gate.report(10);
    gate.report(50);
    gate.end();
    gate.report(90);
    expect(seen).toEqual([10, 50]);
  });
});
