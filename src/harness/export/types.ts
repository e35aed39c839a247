/**
 * What export formats and export sources share: the kinds of source, the
 * source itself, and what a format takes and returns.
 */
import type { NetworkSpec } from '../../../sim/network/spec.ts';

export type SourceKind = 'network' | 'classifier';

/** A classifier's test samples as trials: one value of one input parameter per neuron and sample. */
export interface ClassifierTrials {
  /** Label of the input population. */
  input: string;
  parameter: 'i_offset' | 'rate';
  drives: Float32Array[];
  /** Neuron layers after the input, output last. */
  layers: readonly string[];
  timesteps: number;
  labels: number[];
  /** The class spikelab's own simulation gives each sample. */
  spikelabClasses: number[];
  /** The coding's factor from a feature to the drive (1/λ of the input), when known. */
  gain?: number;
  /** True when the input population has 2·features neurons: max(x, 0) then max(−x, 0). */
  signed?: boolean;
}

export type ExportSource =
  | {
      kind: 'network';
      name: string;
      title: string;
      spec: NetworkSpec;
      /** Populations whose current is an input layer's x·W + b per sample (see ExportNirOptions.inputLayers). */
      inputLayers?: InputLayer[];
    }
  | {
      kind: 'classifier';
      name: string;
      title: string;
      spec: NetworkSpec;
      classifier: ClassifierTrials;
    };

export interface ExportOptions {
  /** Simulated time the export is for (ms; per sample for a classifier), when the format needs one. */
  durationMs?: number;
  /** pynn: 'pynn' uses PyNN's connectors where one matches, 'realised' lists every synapse. */
  connections?: 'pynn' | 'realised';
  /** pynn: 'pynn' keeps Poisson sources as PyNN's, 'arrays' writes the spikes the engine draws. */
  poisson?: 'pynn' | 'arrays';
}

export interface ExportResult {
  data: string | Uint8Array;
  /** What the output does not reproduce exactly, one sentence each. */
  notes: string[];
}

export interface ExportFormat {
  readonly name: string;
  readonly description: string;
  readonly accepts: readonly SourceKind[];
  /** File name ending suggested for --out. */
  readonly extension: string;
  write(source: ExportSource, options: ExportOptions): ExportResult | Promise<ExportResult>;
}

/** A current-coded first layer: its population, its inputs, their weights (inputs × N) and its bias. */
export interface InputLayer {
  population: string;
  inputs: number;
  weights: Float32Array;
  bias: Float32Array;
}
