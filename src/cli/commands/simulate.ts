/**
 * `spikelab simulate <cuba|coba|brunel|FILE.json>`: builds a reference
 * network (or one from a network JSON file), runs it, prints a summary or one
 * JSON object, and optionally streams the raster to a file.
 */
import { readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { type BackendName, backendNames } from '../../../sim/engine/backend.ts';
import { SpikeStream } from '../../../sim/engine/spike-stream.ts';
import type { NirIntegrator } from '../../../sim/io/nir/index.ts';
import {
  checkReferenceFlags,
  referenceModels,
  referenceNetwork,
} from '../../../sim/models/index.ts';
import type { NetworkSpec } from '../../../sim/network/spec.ts';
import { type SimulationSummary, simulateSpec } from '../../../sim/run.ts';
import { invalid, SpikelabError } from '../../core/errors.ts';
import { openSpikeWriter } from '../../io/spike-writer.ts';
import { floatFlag, intFlag } from '../flags.ts';
import type { CliIo } from '../io.ts';
import { maxMemoryOption, memoryLeftBytes } from '../max-memory.ts';
import { progressBar } from '../progress.ts';
import { threadedEngine, threadsOption } from '../threads.ts';
import { addNirOptions, isNirPath, nirHeader, nirNetwork, refuseFlags } from './nir-network.ts';

export interface SimulateCliOptions {
  n?: number;
  scale?: number;
  duration: number;
  dt?: number;
  seed?: number;
  raster?: string;
  json?: boolean;
  vReset?: number;
  backend?: BackendName;
  integrator?: NirIntegrator;
  input?: string;
  inputCurrent?: number[];
  maxMemory?: number;
  threads?: number;
}

/** The network spec named by the positional argument, with the flags applied. */
export async function resolveNetwork(target: string, o: SimulateCliOptions): Promise<NetworkSpec> {
  const isRef = (referenceModels as readonly string[]).includes(target);
  if (!isRef && !target.toLowerCase().endsWith('.json')) {
    throw invalid(
      'network',
      target,
      `one of ${referenceModels.join(', ')}, or a network file ending in .json or .nir`,
      'UNKNOWN_TYPE',
    );
  }
  refuseFlags(
    [
      ['--integrator', o.integrator],
      ['--input', o.input],
      ['--input-current', o.inputCurrent],
    ],
    'only with a .nir file',
  );
  checkReferenceFlags(target, o);
  if (isRef) {
    return referenceNetwork(target, {
      ...(o.n !== undefined && { n: o.n }),
      ...(o.scale !== undefined && { scale: o.scale }),
      ...(o.dt !== undefined && { dt: o.dt }),
      ...(o.seed !== undefined && { seed: o.seed }),
      ...(o.vReset !== undefined && { vReset: o.vReset }),
    });
  }
  let text: string;
  try {
    text = readFileSync(target, 'utf8');
  } catch (e) {
    throw new SpikelabError('INVALID_FILE', `${target}: cannot read (${(e as Error).message})`);
  }
  // the schema (zod) loads only when a file is read: a reference model starts without it
  const { parseNetworkJson } = await import('../../../sim/io/network-json.ts');
  const spec = parseNetworkJson(text, target);
  return {
    ...spec,
    ...(o.dt !== undefined && { dt: o.dt }),
    ...(o.seed !== undefined && { seed: o.seed }),
  };
}

function formatSummary(s: SimulationSummary): string {
  const f = (x: number | null, d = 2) => (x === null ? '–' : x.toFixed(d));
  const lines = [
    `${s.model ?? 'network'}: ${s.neurons.toLocaleString('en-US')} neurons, ${s.synapses.toLocaleString('en-US')} synapses (${f(s.bytesPerSynapse, 1)} bytes each), ${s.durationMs} ms at dt ${s.dt} ms, seed ${s.seed}`,
    `spikes ${s.spikes.toLocaleString('en-US')}, mean rate ${f(s.meanRateHz)} Hz, CV of ISIs ${f(s.cvIsi, 3)}, silent ${(100 * s.silentFraction).toFixed(1)} %`,
    ...s.populations.map(
      (p) =>
        `  ${p.label.padEnd(10)} ${String(p.size).padStart(8)} ${p.model.padEnd(18)} ${f(p.meanRateHz).padStart(8)} Hz  CV ${f(p.cvIsi, 3)}`,
    ),
    `synaptic events ${s.synapticEvents.toLocaleString('en-US')} (${(s.synapticEventsPerSecond / 1e6).toFixed(1)} M/s), neuron updates ${s.neuronUpdates.toLocaleString('en-US')}`,
    `build ${f(s.buildSeconds, 3)} s, simulation ${f(s.simulationSeconds, 3)} s (${s.backend === 'wasm' ? 'WebAssembly SIMD' : 'TypeScript'} kernels, ${s.threads} thread${s.threads === 1 ? '' : 's'})`,
  ];
  return `${lines.join('\n')}\n`;
}

export async function runSimulateCommand(
  target: string,
  o: SimulateCliOptions,
  io: CliIo,
): Promise<SimulationSummary> {
  return simulateResolved(await resolveNetwork(target, o), o, io);
}

/** `simulate FILE.nir`: the header says how the file was read; populations carry their NIR names. */
export async function runSimulateNir(
  path: string,
  o: SimulateCliOptions,
  io: CliIo,
): Promise<SimulationSummary> {
  refuseFlags(
    [
      ['--n', o.n],
      ['--scale', o.scale],
      ['--v-reset', o.vReset],
    ],
    'only with a reference model, not a .nir file',
  );
  const net = await nirNetwork(path, o);
  if (!o.json) io.out(`${nirHeader(path, net)}\n`);
  return simulateResolved(net.spec, o, io);
}

function simulateResolved(spec: NetworkSpec, o: SimulateCliOptions, io: CliIo): SimulationSummary {
  const writer = o.raster ? openSpikeWriter(o.raster, spec.dt) : null;
  const stream = writer ? new SpikeStream(writer) : null;
  const engine = threadedEngine(o.threads, io);
  const bar = progressBar(io, 'simulate', Math.round(o.duration / spec.dt));
  try {
    const summary = simulateSpec(spec, {
      durationMs: o.duration,
      memoryBudgetBytes: memoryLeftBytes(o.maxMemory),
      ...(o.backend && { backend: o.backend }),
      ...(stream && { listeners: [stream] }),
      ...(engine && { engine }),
      onProgress: (done, _total, spikes) => bar.update(done, `${spikes} spikes`),
    });
    stream?.flush();
    bar.stop();
    io.out(o.json ? `${JSON.stringify(summary)}\n` : formatSummary(summary));
    return summary;
  } finally {
    bar.stop();
    writer?.close();
  }
}

export function registerSimulate(program: Command, io: CliIo): Command {
  const cmd = program
    .command('simulate')
    .description(
      'simulate a reference network (cuba, coba, brunel, microcircuit), a network JSON file or a NIR file',
    )
    .argument('<network>', `${referenceModels.join(' | ')} | FILE.json | FILE.nir`)
    .addOption(
      new Option('--n <N>', 'neurons (cuba, coba; fan-in kept at 80)')
        .argParser(intFlag(3))
        .default(undefined, '4000'),
    )
    .addOption(
      new Option(
        '--scale <s>',
        'size factor (brunel: J scaled to keep the input; microcircuit: ≤ 1, in-degrees kept)',
      )
        .argParser(floatFlag(0, 100, { exclusiveMin: true }))
        .default(undefined, '1'),
    )
    .option(
      '--duration <ms>',
      'simulated time',
      floatFlag(0, Number.POSITIVE_INFINITY, { exclusiveMin: true }),
      1000,
    )
    .option(
      '--dt <ms>',
      'tick, 0.01–1 ms (default: the network’s, 0.1 for the reference models; a .nir file needs it unless its metadata holds dt)',
      floatFlag(0.01, 1),
    )
    .option('--seed <N>', 'seed (default: the network’s, 1 for the reference models)', intFlag(0))
    .addOption(
      new Option('--v-reset <mV>', 'reset potential (brunel; Brunel 2000 Fig. 8 uses 10 mV)')
        .argParser(floatFlag())
        .default(undefined, '0 mV, as the NEST example'),
    )
    .addOption(
      new Option(
        '--backend <name>',
        'kernels: wasm (WebAssembly SIMD), js (TypeScript; same spikes), auto = wasm where supported',
      )
        .choices(backendNames)
        .default('auto'),
    )
    .addOption(
      new Option(
        '--raster <FILE>',
        'stream spikes to FILE: CSV if it ends in .csv, else binary',
      ).default(undefined, 'not written'),
    )
    .addOption(maxMemoryOption())
    .addOption(threadsOption())
    .option('--json', 'print one JSON object instead of the summary', false);
  return addNirOptions(cmd).action(async (target: string, o: SimulateCliOptions) => {
    if (isNirPath(target)) await runSimulateNir(target, o, io);
    else await runSimulateCommand(target, o, io);
  });
}
