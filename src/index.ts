/** spikelab's library entry point. */
export * from './ann/index.ts';
export { SpikelabError } from './core/errors.ts';
export { Rng } from './core/rng.ts';
export * from './harness/index.ts';
