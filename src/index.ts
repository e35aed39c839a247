/** spikelab's library entry point: the rate engine, the spiking engine and the harness. */

export * from '../sim/index.ts';
export * from './ann/index.ts';
export { SpikelabError } from './core/errors.ts';
export { Rng } from './core/rng.ts';
export * from './data/index.ts';
export { loadDataset } from './data/node/load.ts';
export * from './harness/index.ts';
