/**
 * `export --to nir`: a network, or a classifier with its input population
 * fed by a NIR Input node through a Scale of the coding's gain (so the
 * Input takes the data set's raw features, one constant value per step),
 * as a NIR file. What NIR cannot state exactly is returned as notes.
 */
import { exportNir } from '../../../sim/io/nir/index.ts';
import { SpikelabError } from '../../core/errors.ts';
import type { ExportResult, ExportSource } from './types.ts';

export async function writeNir(source: ExportSource): Promise<ExportResult> {
  const notes: string[] = [];
  const spec = source.spec;
  const models = new Set(spec.populations.map((p) => p.model));
  if (models.has('IF_nonleaky')) {
    notes.push(
      'IF_nonleaky resets by subtraction, which NIR cannot state: the IF nodes carry metadata reset_mechanism "subtract", which spikelab reads back and other tools ignore (they reset to v_reset = 0)',
    );
  }
  if (source.kind === 'network') {
    if (!source.inputLayers) return { data: await exportNir(spec), notes };
    notes.push(
      'the first layer takes its input as x·W + b through a NIR Input and Affine node: the engine adds the products in float32, input by input, while an importer may sum in another order or precision',
    );
    return { data: await exportNir(spec, { inputLayers: source.inputLayers }), notes };
  }
  const c = source.classifier;
  if (c.parameter === 'rate') {
    // Poisson sources become the Input node: its spikes are the input
    notes.push(
      'the Poisson input becomes a NIR Input node; the rates of each sample are not part of the file',
    );
    return { data: await exportNir(spec), notes };
  }
  if (c.signed) {
    throw new SpikelabError(
      'NOT_APPLICABLE',
      `${source.name}: an input split into max(x, 0) and max(−x, 0) channels has no NIR node; allowed: a classifier of non-negative features, or --encoding poisson`,
    );
  }
  const data = await exportNir(spec, {
    currentInputs: [{ population: c.input, gain: c.gain ?? 1 }],
  });
  if (c.gain === undefined)
    notes.push(
      `the input coding's gain is unknown here: the Input node takes the coded drive (x/λ), not the raw features`,
    );
  return { data, notes };
}
