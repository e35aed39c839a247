/**
 * `spikelab map <cuba|brunel|FILE.json> --platform <name>`: builds the network
 * at the platform's tick, maps it, runs it once with the hardware counters
 * listening, and prints cores, chips, traffic, the real-time verdict and the
 * energy — both placements side by side unless `--placement` picks one.
 */
import { type Command, Option } from 'commander';
import { PLACEMENT_STRATEGIES, type PlacementStrategy } from '../../../sim/hardware/placement.ts';
import { platform as platformByName, platforms } from '../../../sim/hardware/platforms.ts';
import {
  type PlatformRunReport,
  runSpecOnPlatform,
} from '../../../sim/hardware/run-on-platform.ts';
import type { NirIntegrator } from '../../../sim/io/nir/index.ts';
import { referenceModels } from '../../../sim/models/index.ts';
import type { NetworkSpec } from '../../../sim/network/spec.ts';
import { floatFlag, intFlag } from '../flags.ts';
import type { CliIo } from '../io.ts';
import { maxMemoryOption, memoryLeftBytes } from '../max-memory.ts';
import { progressBar } from '../progress.ts';
import { formatPlatformRunReport } from './map-format.ts';
import { addNirOptions, isNirPath, nirHeader, nirNetwork, refuseFlags } from './nir-network.ts';
import { resolveNetwork } from './simulate.ts';

export interface MapCliOptions {
  platform: string;
  placement?: PlacementStrategy;
  duration: number;
  seed?: number;
  n?: number;
  scale?: number;
  json?: boolean;
  dt?: number;
  integrator?: NirIntegrator;
  input?: string;
  inputCurrent?: number[];
  maxMemory?: number;
}

export async function runMapCommand(
  target: string,
  o: MapCliOptions,
  io: CliIo,
): Promise<PlatformRunReport> {
  refuseFlags(
    [
      ['--dt', o.dt],
      ['--integrator', o.integrator],
      ['--input', o.input],
      ['--input-current', o.inputCurrent],
    ],
    'only with a .nir file',
  );
  return mapSpec(target, o, io, null);
}

/** `map FILE.nir`: the dynamics discretised at --dt, one step per platform tick. */
export async function runMapNir(
  path: string,
  o: MapCliOptions,
  io: CliIo,
): Promise<PlatformRunReport> {
  refuseFlags(
    [
      ['--n', o.n],
      ['--scale', o.scale],
    ],
    'only with a reference model, not a .nir file',
  );
  const tick = platformByName(o.platform).timing.tickMs;
  const net = await nirNetwork(path, { ...o, tickMs: tick });
  if (!o.json)
    io.out(
      `${nirHeader(path, net)}\none step per ${tick} ms tick of ${o.platform} (dynamics at dt ${net.dt * 1000} ms)\n`,
    );
  return mapSpec(path, o, io, net.spec);
}

async function mapSpec(
  target: string,
  o: MapCliOptions,
  io: CliIo,
  given: NetworkSpec | null,
): Promise<PlatformRunReport> {
  const platform = platformByName(o.platform);
  const tick = platform.timing.tickMs;
  // Reference models are defined at any tick: build them at the platform's.
  // A file keeps its own, and runSpecOnPlatform rebuilds it at the tick (and says so).
  const isRef = (referenceModels as readonly string[]).includes(target);
  const spec =
    given ??
    (await resolveNetwork(target, {
      duration: o.duration,
      ...(isRef && { dt: tick }),
      ...(o.seed !== undefined && { seed: o.seed }),
      ...(o.n !== undefined && { n: o.n }),
      ...(o.scale !== undefined && { scale: o.scale }),
    }));
  const placements: PlacementStrategy[] = o.placement ? [o.placement] : [...PLACEMENT_STRATEGIES];
  const bar = progressBar(io, 'map', Math.round(o.duration / tick));
  try {
    const run = runSpecOnPlatform(spec, {
      platform,
      placements,
      durationMs: o.duration,
      memoryBudgetBytes: memoryLeftBytes(o.maxMemory),
      onProgress: (done, _total, spikes) => bar.update(done, `${spikes} spikes`),
    });
    bar.stop();
    io.out(o.json ? `${JSON.stringify(run)}\n` : formatPlatformRunReport(run, target));
    return run;
  } finally {
    bar.stop();
  }
}

export function registerMap(program: Command, io: CliIo): Command {
  const cmd = program
    .command('map')
    .description(
      'run a network on a neuromorphic platform model: cores, chips, traffic, real time, energy',
    )
    .argument('<network>', 'cuba | brunel | microcircuit | FILE.json | FILE.nir')
    .addOption(
      new Option('--platform <name>', 'platform to map onto (required)')
        .choices(Object.keys(platforms))
        .makeOptionMandatory(),
    )
    .addOption(
      new Option(
        '--placement <strategy>',
        'one placement (default: both, side by side on the same simulation)',
      ).choices(PLACEMENT_STRATEGIES),
    )
    .option(
      '--duration <ms>',
      'simulated time',
      floatFlag(0, Number.POSITIVE_INFINITY, { exclusiveMin: true }),
      1000,
    )
    .option('--seed <N>', 'seed (default: the network’s, 1 for the reference models)', intFlag(0))
    .addOption(
      new Option('--n <N>', 'neurons (cuba; fan-in kept at 80)')
        .argParser(intFlag(3))
        .default(undefined, '4000'),
    )
    .addOption(
      new Option('--scale <s>', 'size factor (brunel; microcircuit: ≤ 1, in-degrees kept)')
        .argParser(floatFlag(0, 100, { exclusiveMin: true }))
        .default(undefined, '1'),
    )
    .addOption(maxMemoryOption())
    .option('--json', 'print one JSON object instead of the tables', false)
    .addOption(
      new Option('--dt <ms>', '.nir: tick the dynamics are discretised at, 0.01–1 ms')
        .argParser(floatFlag(0.01, 1))
        .default(undefined, 'the file’s metadata'),
    );
  return addNirOptions(cmd).action(async (target: string, o: MapCliOptions) => {
    if (isNirPath(target)) await runMapNir(target, o, io);
    else await runMapCommand(target, o, io);
  });
}
