/**
 * Export formats by name. A format declares which kinds of source it can
 * write (a network, or a classifier with its test inputs) and writes text or
 * bytes; `spikelab export --to NAME` is validated against these names.
 */
import { SpikelabError, unknownName } from '../../core/errors.ts';
import { writePynn } from './pynn.ts';
import type { ExportFormat, ExportOptions, ExportResult, ExportSource } from './types.ts';

export type { ExportFormat, ExportOptions, ExportResult } from './types.ts';

export const exportFormats: readonly ExportFormat[] = [
  {
    name: 'pynn',
    description: 'a PyNN script for pyNN.nest, pyNN.brian2, pyNN.neuron and sPyNNaker',
    accepts: ['network', 'classifier'],
    extension: '.py',
    write: writePynn,
  },
];

export const exportFormatNames = (): string[] => exportFormats.map((f) => f.name);

export function exportFormat(name: string): ExportFormat {
  const f = exportFormats.find((x) => x.name === name);
  if (!f) throw unknownName('--to', name, exportFormatNames());
  return f;
}

/** Writes source in the format, refusing a kind of source the format does not take. */
export function exportAs(name: string, source: ExportSource, options: ExportOptions): ExportResult {
  const f = exportFormat(name);
  if (!f.accepts.includes(source.kind)) {
    throw new SpikelabError(
      'NOT_APPLICABLE',
      `--to: ${name} does not take a ${source.kind} (${source.name}); allowed: ${f.accepts.join(', ')}`,
    );
  }
  return f.write(source, options);
}
