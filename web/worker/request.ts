/**
 * What the Simulate view asks the worker for, validated once at the worker's
 * edge: a reference network with its size, the text of a network JSON file,
 * or the spiking network a comparison report holds with one of its test
 * samples as input; duration, dt, seed (empty: the network's own), a
 * platform to count on, the neurons whose membrane potential to trace, and
 * the engine's threads.
 */

import { parseNetworkJson } from '../../sim/io/network-json.ts';
import { NIR_INTEGRATORS } from '../../sim/io/nir/neuron-params.ts';
import { referenceModels, referenceNetwork } from '../../sim/models/index.ts';
import type { NetworkSpec } from '../../sim/network/spec.ts';
import { SpikelabError } from '../../src/core/errors.ts';
import { formatBytes } from '../../src/core/memory.ts';
import { inRange, integer, oneOf, parse, seed, z } from '../../src/core/schema.ts';
import { networkForSample } from '../../src/harness/report/network.ts';
import { spikingNetworkSchema } from '../../src/harness/report/parts.ts';

/** Largest simulated time the page accepts (ms). */
export const MAX_DURATION_MS = 600_000;
/** Largest network file the page reads. */
export const MAX_FILE_BYTES = 256e6;
/** Most traced neurons at once (one line each in the plot). */
export const MAX_TRACES = 8;
/** Most threads a request may ask for (the CLI has no cap; a page shares its machine). */
export const MAX_THREADS = 64;

export const platformChoices = ['none', 'spinnaker', 'spinnaker2', 'loihi', 'truenorth'] as const;
export type PlatformChoice = (typeof platformChoices)[number];

const networkChoice = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('reference'),
      model: oneOf(referenceModels),
      /** cuba, coba: total neurons (80 % excitatory). */
      n: integer(3, 100_000_000).optional(),
      /** brunel: size factor (1 = 12,500 neurons). */
      scale: inRange(0.0001, 100).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('file'), name: z.string(), text: z.string() }).strict(),
  z
    .object({
      kind: z.literal('nir'),
      name: z.string(),
      /** The .nir file's bytes (HDF5); dt comes from the request or the file's metadata. */
      bytes: z.instanceof(Uint8Array, { error: () => 'the bytes of a .nir file' }),
      integrator: oneOf(NIR_INTEGRATORS).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('report'),
      /** Where the report came from (a file name), for messages. */
      name: z.string(),
      /** A spiking network entry's `spiking.spikingNetwork`. */
      network: spikingNetworkSchema,
      /** Which of its stored test samples drives the input. */
      sample: integer(0),
    })
    .strict(),
]);

export const simRequestSchema = z
  .object({
    network: networkChoice,
    durationMs: inRange(0.01, MAX_DURATION_MS, 'ms'),
    dt: inRange(0.01, 1, 'ms').optional(),
    seed: seed().optional(),
    platform: oneOf(platformChoices),
    /** Global neuron ids; absent: a few of each neuron population. */
    traceNeurons: z
      .array(integer(0))
      .max(MAX_TRACES, { error: () => `at most ${MAX_TRACES} neurons` })
      .optional(),
    /** Threads of the engine; absent: the cores for a network large enough to gain from them, else one. */
    threads: integer(1, MAX_THREADS).optional(),
  })
  .strict();

export type SimRequest = z.infer<typeof simRequestSchema>;

/** The request a page with no choices made sends: CUBA, 4,000 neurons, 1 s at dt 0.1 ms. */
export const defaultRequest: SimRequest = {
  network: { kind: 'reference', model: 'cuba', n: 4000 },
  durationMs: 1000,
  dt: 0.1,
  seed: 1,
  platform: 'spinnaker',
};

export function parseSimRequest(input: unknown): SimRequest {
  return parse(simRequestSchema, input, 'request');
}

/** The network spec a request names, with dt and seed applied (files keep theirs when absent). */
export function requestedSpec(req: SimRequest): NetworkSpec {
  const net = req.network;
  const common = {
    ...(req.dt !== undefined && { dt: req.dt }),
    ...(req.seed !== undefined && { seed: req.seed }),
  };
  if (net.kind === 'reference') {
    if (net.n !== undefined && net.model === 'brunel')
      throw new SpikelabError('INVALID_ARGUMENT', 'n: only for cuba and coba (brunel takes scale)');
    if (net.scale !== undefined && net.model !== 'brunel')
      throw new SpikelabError('INVALID_ARGUMENT', 'scale: only for brunel (cuba, coba take n)');
    return referenceNetwork(net.model, {
      ...common,
      ...(net.n !== undefined && { n: net.n }),
      ...(net.scale !== undefined && { scale: net.scale }),
    });
  }
  if (net.kind === 'report') {
    return {
      ...networkForSample(net.network, net.sample, `${net.name}: spikingNetwork`),
      ...common,
    };
  }
  if (net.kind === 'nir') {
    throw new SpikelabError(
      'INVALID_ARGUMENT',
      `${net.name}: a NIR file is read by requestedSpecAsync`,
    );
  }
  if (net.text.length > MAX_FILE_BYTES) {
    throw new SpikelabError(
      'TOO_LARGE',
      `${net.name}: ${formatBytes(net.text.length)}; allowed: files up to ${formatBytes(MAX_FILE_BYTES)} in the page (use the CLI for larger ones)`,
    );
  }
  return { ...parseNetworkJson(net.text, net.name), ...common };
}

/**
 * As requestedSpec, and a .nir file read (h5wasm, loaded now): dt in ms from
 * the form, else the file's metadata; NIR fixes no step of its own.
 */
export async function requestedSpecAsync(req: SimRequest): Promise<NetworkSpec> {
  const net = req.network;
  if (net.kind !== 'nir') return requestedSpec(req);
  const { checkNirDt, importNir, metadataDt, readNir } = await import('../../sim/io/nir/index.ts');
  const file = await readNir(net.bytes, net.name);
  const dt = checkNirDt(
    req.dt !== undefined ? req.dt / 1000 : metadataDt(file),
    'Time step dt',
    'type one in ms (snnTorch exports assume 0.1, Norse 1)',
  );
  const imported = await importNir(net.bytes, {
    dt,
    where: net.name,
    ...(net.integrator && { integrator: net.integrator }),
    ...(req.seed !== undefined && { seed: req.seed }),
  });
  return imported.spec;
}
