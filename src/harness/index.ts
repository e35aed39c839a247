/** The comparison harness's public API (browser-safe; file writing is in ./node/). */

export {
  type CompareCallbacks,
  type CompareContext,
  type CompareRun,
  compare,
  type SpikingContender,
  type StageName,
} from './compare.ts';
export {
  type CompareOptions,
  DEFAULT_PLATFORMS,
  PLATFORM_NAMES,
  RATE_PLATFORMS,
  SPIKING_PLATFORMS,
} from './compare-options.ts';
export { type Conversion, type ConversionOptions, convertToSpiking } from './convert/convert.ts';
export { denseStack } from './convert/dense-stack.ts';
export { layerScales, percentileOf } from './convert/normalise.ts';
export {
  ENCODINGS,
  type EncodingName,
  inputDrive,
  type SpikingClassifier,
} from './convert/spiking-classifier.ts';
export { allActivations, forEachActivation } from './metrics/activations.ts';
export {
  ALPHA,
  mcnemarExact,
  pairCounts,
  spread,
  wilsonInterval,
} from './metrics/statistics.ts';
export { RATE_PRESETS, type RateSettings } from './rate-presets.ts';
export {
  accuracyCsv,
  comparisonTable,
  energyRows,
  hardwareRows,
  layerRows,
  networkRows,
  reportBaseName,
  reportMarkdown,
  statisticsRows,
} from './report/format.ts';
export { NETWORK_SAMPLES, networkForSample, spikingNetworkBlock } from './report/network.ts';
export { parseReport, serializeReport } from './report/read.ts';
export {
  COMPARE_REPORT_SCHEMA_VERSION,
  type CompareReport,
  compareReportSchema,
  type EnergyEntry,
  type NetworkEntry,
  READABLE_REPORT_VERSIONS,
  type SpikingNetworkBlock,
} from './report/schema.ts';
export { READOUTS, type ReadoutName, readClass } from './run/readout.ts';
export { type SimulationOptions, type SimulationResult, simulateSamples } from './run/simulate.ts';
export { settingsFor, type TrainResult, type TrainRun, trainOnDataset } from './train-rate.ts';
