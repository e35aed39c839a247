import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportAs } from '../../../src/harness/export/formats.ts';
import { resolveExportSource } from '../../../src/harness/export/sources.ts';
import { parseReport } from '../../../src/harness/report/read.ts';

const REPORT = 'test/golden/reports/v2-iris-network.json';

describe('export sources', () => {
  it('a report with its network: its stored samples as trials, with the classes the report gives', async () => {
    const report = parseReport(readFileSync(REPORT, 'utf8'), REPORT);
    const block = report.networks.find((n) => n.spiking?.spikingNetwork)!.spiking!.spikingNetwork!;
    const source = resolveExportSource(REPORT, {});
    expect(source.kind).toBe('classifier');
    if (source.kind !== 'classifier') return;
    const c = source.classifier;
    expect(c.drives).toHaveLength(block.samples.length);
    expect(c.spikelabClasses).toEqual(block.samples.map((s) => s.snn));
    expect(c.layers[c.layers.length - 1]).toBe(block.output);
    expect(c.timesteps).toBe(100);
    const { data } = await exportAs('pynn', source, {});
    const text = String(data);
    expect(text).toContain(`"spikelab": ${JSON.stringify(c.spikelabClasses)}`);
    expect(text).toContain('DURATION = 100.0  # ms'); // T ticks of 1 ms
    expect(text.match(/^ {8}"[A-Za-z0-9+/=]+",$/gm)).toHaveLength(block.samples.length);
  });

  it('refuses conversion flags with a report, naming the flag', () => {
    expect(() => resolveExportSource(REPORT, { percentile: 99 })).toThrow(
      '--percentile: got 99; allowed: only with a saved model (--samples also with a report)',
    );
  });

  it('refuses --n with brunel and --scale with cuba, as simulate does', () => {
    expect(() => resolveExportSource('brunel', { n: 100 })).toThrow(
      '--n: got 100; allowed: only with cuba or coba',
    );
    expect(() => resolveExportSource('cuba', { scale: 2 })).toThrow(
      '--scale: got 2; allowed: only with brunel',
    );
  });

  it('refuses classifier flags with a network, naming the flag', () => {
    expect(() => resolveExportSource('cuba', { samples: 5 })).toThrow(
      '--samples: got 5; allowed: only with a saved model (--samples also with a report)',
    );
  });

  it('refuses --poisson arrays with a classifier', async () => {
    await expect(
      exportAs('pynn', resolveExportSource(REPORT, {}), { poisson: 'arrays' }),
    ).rejects.toThrow('--poisson: got "arrays" with a classifier');
  });
});
