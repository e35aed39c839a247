/**
 * Reports written before version 3 load unchanged: the three files under
 * test/golden/reports were written by spikelab before the change, and
 * every figure they hold is found again in the upgraded report, with the
 * static term split out and pro-rated to the cores used. Versions the
 * reader does not know, and reports without networks, are refused by name.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReport, serializeReport } from '../../../src/harness/report/read.ts';
import type { CompareReport } from '../../../src/harness/report/schema.ts';
import { parseAnyReport } from '../../../src/harness/report/seeds.ts';

const golden = (name: string) =>
  readFileSync(new URL(`../../golden/reports/${name}`, import.meta.url), 'utf8');
const v2 = JSON.parse(golden('v2-digits.json'));

describe('a version 2 report of digits, as written before version 3', () => {
  const r: CompareReport = parseReport(golden('v2-digits.json'), 'v2-digits.json');

  it('becomes two networks, ann and snn, with their accuracies (97.77 % both) and 95 % intervals from the 359 samples', () => {
    expect(r.schemaVersion).toBe(3);
    expect(r.upgradedFrom).toBe(2);
    expect(r.networks.map((n) => n.id)).toEqual(['ann', 'snn']);
    const [ann, snn] = r.networks;
    expect(ann!.accuracy!.value).toBe(v2.ann.accuracy);
    expect(snn!.accuracy!.value).toBe(v2.snn.accuracy);
    expect(ann!.accuracy!.correct).toBe(351);
    expect(ann!.accuracy!.wilson95.low).toBeCloseTo(0.95665, 5);
    expect(snn!.accuracyByTick).toEqual(v2.snn.accuracyByTick);
    expect(snn!.spiking!.hardware).toEqual(v2.snn.hardware);
    expect(r.comparisons).toEqual([]); // version 2 kept no per-sample predictions
    expect(r.notes.join(' ')).toMatch(/no McNemar test/);
  });

  it('energy: the whole-chip static term and the events are version 2’s own; the used-core share is cores ÷ (chips × cores per chip) of it', () => {
    const old = v2.snn.energy.loihi;
    const e = r.networks[1]!.energy['loihi']!;
    if (!e.mappable) throw new Error('loihi was mappable in the file');
    expect(e.staticJoules.wholeChips).toBe(old.breakdown.static);
    expect(e.dynamicJoules).toBeCloseTo(old.joulesPerInference - old.breakdown.static, 15);
    expect(e.staticJoules.usedCores).toBeCloseTo((old.breakdown.static * 1) / 128, 15);
    expect(e.totalJoules).toBeCloseTo(e.dynamicJoules + e.staticJoules.usedCores!, 18);
    expect(e.secondsPerInference).toBe(0.1); // version 2's 100 ticks of 1 ms
    expect(e.breakdown['static']).toBeUndefined();
    const cpu = r.networks[0]!.energy['cpu']!;
    expect(cpu.mappable && [cpu.staticJoules, cpu.complete, cpu.secondsPerInference]).toEqual([
      { usedCores: null, wholeChips: null },
      false,
      null,
    ]);
    expect(cpu.mappable && cpu.unpriced).toContain('static');
  });

  it('is then a valid version 3 report: written and read back unchanged', () => {
    expect(parseReport(serializeReport(r))).toEqual(r);
  });
});

describe('other old reports', () => {
  it('a regression (dogs) has no spiking side: it says why, in notApplicable', () => {
    const r = parseReport(golden('v2-dogs.json'));
    expect(r.networks.map((n) => n.id)).toEqual(['ann']);
    expect(r.notApplicable[0]!.reason).toMatch(/regression/);
    expect(r.networks[0]!.accuracy).toBeNull();
  });

  it('a report with its network (iris, --include-network) keeps the network for the page’s Simulate view', () => {
    const raw = JSON.parse(golden('v2-iris-network.json'));
    const r = parseReport(raw);
    expect(r.networks[1]!.spiking!.spikingNetwork).toEqual(raw.snn.spikingNetwork);
  });

  it('version 1 is version 2 without the network and the deployment: read too', () => {
    const v1 = structuredClone(v2);
    v1.schemaVersion = 1;
    delete v1.snn.hardware.truenorth.onChip.deployment;
    const r = parseReport(v1);
    expect(r.upgradedFrom).toBe(1);
    expect(r.networks[1]!.accuracy!.value).toBe(v2.snn.accuracy);
  });
});

describe('what the reader refuses, naming the field', () => {
  const v3 = JSON.parse(serializeReport(parseReport(v2)));

  it('a version it does not know (4), or none', () => {
    expect(() => parseReport({ ...v3, schemaVersion: 4 }, 'r.json')).toThrow(
      'r.json.schemaVersion: got 4; allowed: 1, 2, 3',
    );
    const { schemaVersion: _, ...none } = v3;
    expect(() => parseReport(none)).toThrow('report.schemaVersion: missing; allowed: 1, 2, 3');
    expect(() => parseReport('[]')).toThrow(/^report: got an array; allowed: a comparison report/);
    expect(() => parseReport('{')).toThrow(/^report: not JSON/);
  });

  it('a report whose network list is empty', () => {
    expect(() => parseReport({ ...v3, networks: [] })).toThrow(
      /^report\.networks: got an array of 0; allowed: at least one network/,
    );
  });

  it('a comparison naming a network the report does not hold', () => {
    const bad = structuredClone(v3);
    bad.comparisons = [
      {
        first: 'ann',
        second: 'ghost',
        samples: 1,
        bothRight: 1,
        onlyFirst: 0,
        onlySecond: 0,
        bothWrong: 0,
        pValue: 1,
        significant: false,
      },
    ];
    expect(() => parseReport(bad)).toThrow(
      'report.comparisons.0.second: got "ghost"; allowed: one of ann, snn',
    );
  });

  it('parseAnyReport tells a single comparison from a summary over seeds, and refuses a summary of version 2', () => {
    expect(parseAnyReport(v3).kind).toBe('compare');
    expect(() => parseAnyReport({ kind: 'seeds', schemaVersion: 2 })).toThrow(
      /^report\.schemaVersion: got 2; allowed: 3 \(summaries over seeds exist from version 3\)/,
    );
  });
});
