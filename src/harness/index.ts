/** The comparison harness's public API (browser-safe; file writing is in ./node/). */
export { allActivations, forEachActivation } from './activations.ts';
export { type CompareCallbacks, type CompareRun, compare, type StageName } from './compare.ts';
export {
  type CompareOptions,
  DEFAULT_PLATFORMS,
  PLATFORM_NAMES,
  RATE_PLATFORMS,
  SPIKING_PLATFORMS,
} from './compare-options.ts';
export { type Conversion, type ConversionOptions, convertToSpiking } from './convert.ts';
export { denseStack } from './dense-stack.ts';
export { layerScales, percentileOf } from './normalise.ts';
export { RATE_PRESETS, type RateSettings } from './rate-presets.ts';
export { READOUTS, type ReadoutName, readClass } from './readout.ts';
export {
  accuracyCsv,
  comparisonRows,
  comparisonTable,
  hardwareRows,
  layerRows,
  layerTable,
  reportBaseName,
  reportMarkdown,
} from './report-format.ts';
export { NETWORK_SAMPLES, networkForSample, spikingNetworkBlock } from './report-network.ts';
export {
  COMPARE_REPORT_SCHEMA_VERSION,
  type CompareReport,
  compareReportSchema,
  parseReport,
  READABLE_REPORT_VERSIONS,
  type SpikingNetworkBlock,
  serializeReport,
} from './report-schema.ts';
export { type SimulationOptions, type SimulationResult, simulateSamples } from './simulate.ts';
export {
  ENCODINGS,
  type EncodingName,
  inputDrive,
  type SpikingClassifier,
} from './spiking-classifier.ts';
export { settingsFor, type TrainResult, type TrainRun, trainOnDataset } from './train-rate.ts';
