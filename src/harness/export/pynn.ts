/**
 * The pynn export format: a network, or a classifier with one trial per
 * test sample, as a PyNN script (sim/io/pynn). Poisson sources can be
 * replaced by the spikes the engine draws, so PyNN gets exactly spikelab's
 * input.
 */
import { realisePoissonSources } from '../../../sim/io/pynn/realise.ts';
import { pynnScript } from '../../../sim/io/pynn/script.ts';
import { buildNetwork } from '../../../sim/network/build.ts';
import type { ExportOptions, ExportResult, ExportSource } from './types.ts';

export const DEFAULT_DURATION_MS = 1000;

export function writePynn(source: ExportSource, o: ExportOptions): ExportResult {
  const connections = o.connections ?? 'pynn';
  if (source.kind === 'classifier') {
    const c = source.classifier;
    const durationMs = o.durationMs ?? c.timesteps * source.spec.dt;
    const script = pynnScript(buildNetwork(source.spec), {
      durationMs,
      connections,
      title: source.title,
      record: [c.input, ...c.layers],
      trials: {
        population: c.input,
        parameter: c.parameter,
        values: c.drives,
        readout: c.layers[c.layers.length - 1]!,
        spikelab: c.spikelabClasses,
      },
    });
    return { data: script.text, notes: script.notes };
  }
  const durationMs = o.durationMs ?? DEFAULT_DURATION_MS;
  const arrays = o.poisson === 'arrays';
  const spec = arrays ? realisePoissonSources(source.spec, durationMs) : source.spec;
  const script = pynnScript(buildNetwork(spec), {
    durationMs,
    connections,
    title: source.title,
    notes: arrays
      ? [
          `Poisson sources replaced by the spikes spikelab draws for them in the first ${durationMs} ms (silent after)`,
        ]
      : [],
  });
  return { data: script.text, notes: script.notes };
}
