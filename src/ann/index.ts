/** The rate engine's public API. */
export { argmaxRows, classesFromOutput, type Evaluation, evaluate } from './evaluate.ts';
export { type GradCheckOptions, type GradCheckResult, gradCheck } from './gradcheck.ts';
export { apply, constant, defineOp, type OpDef, opNames, Param, Tape, Var } from './graph.ts';
export { ACTIVATIONS, type Activation } from './kernels/activation.ts';
export { Dense } from './layers/dense.ts';
export { Dropout } from './layers/dropout.ts';
export type { Layer, LayerSpec } from './layers/layer.ts';
export { Maxout } from './layers/maxout.ts';
export { Rbf } from './layers/rbf.ts';
export * as losses from './losses/index.ts';
export { buildLayer, type MlpOptions, mlp, Sequential } from './model.ts';
export { loadModelText, modelFromJson, modelToJson, saveModelText } from './model-io.ts';
export * as ops from './ops/index.ts';
export { Adam, type AdamOptions } from './optim/adam.ts';
export type { Optimizer } from './optim/optimizer.ts';
export { Sgd, type SgdOptions } from './optim/sgd.ts';
export { fromRows, scalar, type Tensor, tensor, toRows, zeros } from './tensor.ts';
export { type EpochStats, type FitOptions, fit, type LossSpec, type TrainingSet } from './train.ts';
