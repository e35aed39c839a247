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
import { referenceModels } from '../../../sim/models/index.ts';
import { floatFlag, intFlag } from '../flags.ts';
import type { CliIo } from '../io.ts';
import { maxMemoryOption, memoryLeftBytes } from '../max-memory.ts';
import { progressBar } from '../progress.ts';
import { formatPlatformRunReport } from './map-format.ts';
import { resolveNetwork } from './simulate.ts';

export interface MapCliOptions {
  platform: string;
  placement?: PlacementStrategy;
  duration: number;
  seed?: number;
  n?: number;
  scale?: number;
  json?: boolean;
  maxMemory?: number;
}

export function runMapCommand(target: string, o: MapCliOptions, io: CliIo): PlatformRunReport {
  const platform = platformByName(o.platform);
  const tick = platform.timing.tickMs;
  // Reference models are defined at any tick: build them at the platform's.
  // A file keeps its own, and runSpecOnPlatform rebuilds it at the tick (and says so).
  const isRef = (referenceModels as readonly string[]).includes(target);
  const spec = resolveNetwork(target, {
    duration: o.duration,
    ...(isRef && { dt: tick }),
    ...(o.seed !== undefined && { seed: o.seed }),
    ...(o.n !== undefined && { n: o.n }),
    ...(o.scale !== undefined && { scale: o.scale }),
  });
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
  return program
    .command('map')
    .description(
      'run a network on a neuromorphic platform model: cores, chips, traffic, real time, energy',
    )
    .argument('<network>', 'cuba | brunel | FILE.json')
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
    .action((target: string, o: MapCliOptions) => {
      runMapCommand(target, o, io);
    });
}
