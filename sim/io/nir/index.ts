/**
 * NIR (Neuromorphic Intermediate Representation, Pedersen et al. 2024,
 * Nat. Commun. 15:8122) in and out of spikelab: `importNir` turns a `.nir`
 * file's bytes into an engine network, `exportNir` a network into bytes that
 * nir.read, snnTorch, Norse, Lava, Rockpool and Sinabs load. Bytes in, bytes
 * out: the CLI and the web worker share every line.
 */
import { invalid, SpikelabError } from '../../../src/core/errors.ts';
import type { NetworkSpec } from '../../network/spec.ts';
import { type ExportNirOptions, networkToNir } from './from-network.ts';
import { type NirFile, nirTree, parseNirTree } from './graph.ts';
import { readHdf5, writeHdf5 } from './hdf5.ts';
import { type NirNetwork, type NirToNetworkOptions, nirToNetwork } from './to-network.ts';

export type { ExportNirOptions } from './from-network.ts';
export { NIR_WRITE_VERSION, networkToNir } from './from-network.ts';
export type { NirFile, NirGraph, NirNode } from './graph.ts';

import type { NirIntegrator } from './neuron-params.ts';

export type { NirIntegrator } from './neuron-params.ts';
export { NIR_INTEGRATORS } from './neuron-params.ts';
export type { NirNetwork, NirPopulation, NirToNetworkOptions } from './to-network.ts';

/** The engine's tick range (0.01–1 ms) in seconds. */
export const NIR_DT_RANGE_S = [1e-5, 1e-3] as const;

/** Reads and validates a NIR file (any version from 0.1 to 1.0). */
export async function readNir(bytes: Uint8Array, where = 'NIR file'): Promise<NirFile> {
  return parseNirTree(await readHdf5(bytes, where), where);
}

/** dt (s) stored in the graph's metadata by spikelab and by exporters that record it. */
export function metadataDt(file: NirFile): number | null {
  const dt = file.graph.metadata?.dt;
  return typeof dt === 'number' && dt > 0 ? dt : null;
}

export interface ImportNirOptions extends Omit<NirToNetworkOptions, 'dt'> {
  /** Tick in seconds; required unless the file's metadata holds one. */
  dt?: number;
  /** Default: the metadata's (files spikelab writes record it), else exact. */
  integrator?: NirIntegrator;
  where?: string;
}

/** Checks dt (s) against the engine's tick range; `flag` names it in the error. */
export function checkNirDt(
  dt: number | undefined | null,
  flag: string,
  hint = 'give one in seconds (snnTorch exports assume 1e-4, Norse 1e-3)',
): number {
  if (dt === undefined || dt === null) {
    throw new SpikelabError(
      'INVALID_ARGUMENT',
      `${flag}: missing; NIR fixes no time step, so ${hint}, or use a file whose metadata holds dt`,
    );
  }
  const [lo, hi] = NIR_DT_RANGE_S;
  if (!(dt >= lo * (1 - 1e-12) && dt <= hi * (1 + 1e-12)))
    throw invalid(flag, dt, `a tick from ${lo} to ${hi} s (the engine's 0.01–1 ms)`);
  return dt;
}

/** A NIR file's bytes as an engine network at tick dt (s). */
export async function importNir(
  bytes: Uint8Array,
  opts: ImportNirOptions = {},
): Promise<NirNetwork> {
  const file = await readNir(bytes, opts.where);
  const dt = checkNirDt(opts.dt ?? metadataDt(file), 'dt');
  const written = file.graph.metadata?.integrator;
  const integrator = opts.integrator ?? (written === 'euler' ? 'euler' : 'exact');
  return nirToNetwork(file, { ...opts, dt, integrator });
}

/** A network as the bytes of a NIR file (version 1.0.8 layout, gzip-compressed arrays). */
export async function exportNir(
  spec: NetworkSpec,
  opts: ExportNirOptions = {},
): Promise<Uint8Array> {
  return writeHdf5(nirTree(networkToNir(spec, opts)));
}
