/**
 * The spike CSV an exported PyNN script writes (`time_ms,population,index`,
 * local indices) read back as the engine's spike record (tick, global id),
 * given the populations of the network it ran. Takes text, not a path.
 */
import { SpikelabError } from '../../../src/core/errors.ts';
import type { SpikeRecord } from '../../engine/monitors.ts';
import type { PopulationShape } from '../../network/network.ts';

export const SPIKE_CSV_HEADER = 'time_ms,population,index';

export interface ImportedSpikes extends SpikeRecord {
  /** Spikes per population label, in the network's order. */
  counts: Record<string, number>;
}

export function parsePynnSpikeCsv(
  text: string,
  populations: readonly PopulationShape[],
  dt: number,
  where = 'spikes',
): ImportedSpikes {
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trim() !== SPIKE_CSV_HEADER) {
    throw new SpikelabError(
      'INVALID_FILE',
      `${where}:1: got ${JSON.stringify(lines[0]?.slice(0, 40) ?? '')}; allowed: the header ${SPIKE_CSV_HEADER}`,
    );
  }
  const byLabel = new Map(populations.map((p) => [p.label, p]));
  const counts: Record<string, number> = Object.fromEntries(populations.map((p) => [p.label, 0]));
  const rows: [number, number][] = [];
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k]!.trim();
    if (line === '') continue;
    const at = `${where}:${k + 1}`;
    const parts = line.split(',');
    if (parts.length !== 3) {
      throw new SpikelabError(
        'INVALID_FILE',
        `${at}: got ${parts.length} fields; allowed: 3 (${SPIKE_CSV_HEADER})`,
      );
    }
    const [t, label, index] = parts as [string, string, string];
    const time = Number(t);
    if (t === '' || !Number.isFinite(time) || time < 0) {
      throw new SpikelabError(
        'INVALID_FILE',
        `${at}.time_ms: got ${JSON.stringify(t)}; allowed: a time ≥ 0 (ms)`,
      );
    }
    const pop = byLabel.get(label);
    if (!pop) {
      throw new SpikelabError(
        'INVALID_FILE',
        `${at}.population: got ${JSON.stringify(label)}; allowed: one of ${populations.map((p) => p.label).join(', ')}`,
      );
    }
    const i = Number(index);
    if (!/^\d+$/.test(index) || i >= pop.size) {
      throw new SpikelabError(
        'INVALID_FILE',
        `${at}.index: got ${JSON.stringify(index)}; allowed: an integer in 0…${pop.size - 1} (${label})`,
      );
    }
    rows.push([Math.round(time / dt), pop.offset + i]);
    counts[label]!++;
  }
  rows.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return {
    ticks: Uint32Array.from(rows, (r) => r[0]),
    ids: Uint32Array.from(rows, (r) => r[1]),
    dt,
    counts,
  };
}
