import { describe, expect, it } from 'vitest';
import { coresPerChip } from '../../../sim/hardware/platform.ts';
import { platform, platforms } from '../../../sim/hardware/platforms.ts';
import { TRUENORTH_EVENTS_PER_CORE_TICK } from '../../../sim/hardware/truenorth/platform.ts';

describe('platform descriptions', () => {
  it('cores per chip: TrueNorth 4,096 (64 × 64), Loihi 128, SpiNNaker 16 application cores, SpiNNaker 2 152', () => {
    expect(coresPerChip(platform('truenorth'))).toBe(4096);
    expect(coresPerChip(platform('loihi'))).toBe(128);
    expect(coresPerChip(platform('spinnaker'))).toBe(16);
    expect(coresPerChip(platform('spinnaker2'))).toBe(152);
  });

  it('neurons per chip: TrueNorth 1,048,576 and Loihi 131,072 (the published totals)', () => {
    expect(
      coresPerChip(platform('truenorth')) * platform('truenorth').capacity.neuronsPerCore,
    ).toBe(1_048_576);
    expect(coresPerChip(platform('loihi')) * platform('loihi').capacity.neuronsPerCore).toBe(
      131_072,
    );
  });

  it('derived real-time budgets: TrueNorth 58 GSOPS / 4096 cores / 1 kHz = 14,160; SpiNNaker 2,343', () => {
    expect(TRUENORTH_EVENTS_PER_CORE_TICK).toBe(14_160);
    expect(platform('spinnaker').timing.synapticEventsPerCoreTick).toBe(2_343);
    expect(platform('loihi').timing.synapticEventsPerCoreTick).toBe(285_714);
    expect(platform('spinnaker2').timing.synapticEventsPerCoreTick).toBeNull();
  });

  it('every platform names a source for its capacities, timing and topology', () => {
    for (const p of Object.values(platforms)) {
      for (const key of ['capacity.neuronsPerCore', 'timing.tickMs', 'topology']) {
        if (p.id === 'spinnaker2' && key === 'timing.tickMs') continue;
        expect(p.sources[key], `${p.id} ${key}`).toBeTruthy();
      }
      expect(p.energy.source.length).toBeGreaterThan(10);
    }
  });

  it('rejects an unknown platform naming the allowed ones', () => {
    expect(() => platform('brainscales')).toThrow(
      'platform: got "brainscales"; allowed: one of truenorth, spinnaker, spinnaker2, loihi',
    );
  });
});
