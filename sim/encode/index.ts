/** Input encoders: how a sample's values become input to a spiking network. */
export { currentInput } from './current.ts';
export { latencyCurrents, latencyTicks, NO_SPIKE } from './latency.ts';
export { poissonRates } from './rate.ts';
export {
  checkTrainParams,
  encodeTrain,
  TRAIN_ENCODINGS,
  type TrainEncoding,
  type TrainParams,
  trainTicks,
} from './trains.ts';
