export { bceWithLogits } from './bce.ts';
export { l2Penalty } from './l2.ts';
export { type Mixture, mdnNll, mixtureAt } from './mdn.ts';
export { mse } from './mse.ts';
export { type Labels, softmaxCrossEntropy } from './softmax-ce.ts';
