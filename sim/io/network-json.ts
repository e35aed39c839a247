/**
 * The network JSON format: a NetworkSpec with `schemaVersion`, validated on
 * load (errors name the field path), written with typed arrays as plain
 * arrays. Parsers take strings, never paths, so the CLI and the web worker
 * share them. `exportNetwork` turns a built network into a spec with explicit
 * CSR connectivity, so the exact synapses can be shared.
 */
import { SpikelabError } from '../../src/core/errors.ts';
import { parse, z } from '../../src/core/schema.ts';
import type { Network } from '../network/network.ts';
import { type NetworkSpec, SCHEMA_VERSION } from '../network/spec.ts';
import { networkSchema } from './network-schema.ts';

/** Validates a parsed object as a NetworkSpec; throws INVALID_FILE naming the first bad field. */
export function validateNetworkSpec(input: unknown, where = 'network'): NetworkSpec {
  const version = (input as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version !== SCHEMA_VERSION) {
    throw new SpikelabError(
      'INVALID_FILE',
      `${where}.schemaVersion: got v${version} data when expected v${SCHEMA_VERSION}`,
    );
  }
  return parse(networkSchema, input, where, 'INVALID_FILE') as NetworkSpec;
}

export function parseNetworkJson(text: string, where = 'network'): NetworkSpec {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (e) {
    throw new SpikelabError('INVALID_FILE', `${where}: not valid JSON (${(e as Error).message})`);
  }
  return validateNetworkSpec(obj, where);
}

/** JSON text of a spec; typed arrays become plain arrays. */
export function networkToJson(spec: NetworkSpec, indent?: number): string {
  return JSON.stringify(
    spec,
    (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v),
    indent,
  );
}

/** JSON Schema (draft 2020-12) of the format, for editors and other tools. */
export function networkJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(networkSchema, { unrepresentable: 'any' }) as Record<string, unknown>;
}

/**
 * The spec of a built network with every projection as explicit CSR arrays
 * (weights, delays in ms): loading it rebuilds the same synapses whatever the
 * connectors and seed were.
 */
export function exportNetwork(net: Network): NetworkSpec {
  return {
    ...net.spec,
    projections: net.projections.map((p, k) => {
      const { connector: _c, weight: _w, delay: _d, seed: _s, ...rest } = net.spec.projections[k]!;
      return {
        ...rest,
        label: p.label,
        connector: {
          type: 'csr' as const,
          rowStart: p.rowStart,
          targets: p.targets,
          weights: p.weights,
          delays: Float64Array.from(p.delays, (d) => d * net.dt),
        },
        ...(p.channels ? { channel: p.channels } : {}),
      };
    }),
  };
}
