/**
 * One simulation for the page: build the requested network, choose its
 * threads (page-threads.ts), attach the recorders (spikes, rates, traces on
 * one thread, hardware counter), run it in slices so a cancel message gets
 * through, and package the result for transfer.
 */

import { RateMonitor } from '../../sim/engine/monitors.ts';
import { ParallelSimulator } from '../../sim/engine/parallel-simulator.ts';
import { Simulator } from '../../sim/engine/simulator.ts';
import { oneThreadInstead } from '../../sim/engine/threads-rule.ts';
import type { Network } from '../../sim/network/network.ts';
import { type EngineOptions, simulateSpecAsync } from '../../sim/run.ts';
import { isSpikelabError, SpikelabError } from '../../src/core/errors.ts';
import { HardwareRun } from './hardware-run.ts';
import {
  NO_THREADS,
  NO_TRACES_ON_THREADS,
  type PageThreads,
  pageThreads,
  type ThreadEnv,
} from './page-threads.ts';
import { requestedSpecAsync, type SimRequest } from './request.ts';
import type { PopulationInfo, SimProgress, SimResult } from './result.ts';
import { SpikeRecorder } from './spike-recorder.ts';
import { defaultTraceNeurons, type TraceData, Traces } from './traces.ts';

export interface SimulateControl {
  /** Memory the network (and the hardware mapping) may take. */
  budgetBytes: number;
  spikeCap?: number;
  onProgress?: (p: SimProgress) => void;
  shouldStop?: () => boolean;
  /** What threads this worker may run (default: none). */
  threads?: ThreadEnv;
}

/** Rate bins: about 400 over the run, 1, 2 or 5 × 10^k ms, at least one tick. */
export function rateBinTicks(durationMs: number, dt: number): number {
  const raw = durationMs / 400;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const nice = [1, 2, 5, 10].map((m) => m * mag).find((b) => b >= raw) ?? raw;
  return Math.max(1, Math.round(nice / dt));
}

export async function runSimulation(req: SimRequest, ctl: SimulateControl): Promise<SimResult> {
  ctl.onProgress?.({ phase: 'build', doneTicks: 0, totalTicks: 0, spikes: 0 });
  const spec = await requestedSpecAsync(req);
  const recorder = new SpikeRecorder(ctl.spikeCap);
  const hardware = req.platform === 'none' ? null : new HardwareRun(req.platform, ctl.budgetBytes);
  const totalTicks = Math.round(req.durationMs / spec.dt);
  const binTicks = rateBinTicks(req.durationMs, spec.dt);
  const env = ctl.threads ?? NO_THREADS;
  // filled in by the engine factory, once the network is built
  const made: {
    sim?: Simulator | ParallelSimulator;
    rates?: RateMonitor;
    traces?: Traces | null;
    note?: string | null;
  } = {};
  const attachHardware = (sim: Simulator | ParallelSimulator) => {
    if (!hardware) return;
    ctl.onProgress?.({ phase: 'map', doneTicks: 0, totalTicks, spikes: 0 });
    hardware.attach(sim);
  };

  const engine = async (net: Network, opts: EngineOptions) => {
    made.rates = new RateMonitor(net, binTicks);
    const listeners = [...opts.listeners, made.rates];
    const choice: PageThreads = pageThreads(net, req.threads, env);
    made.note = choice.note;
    if (choice.threads > 1) {
      try {
        const sim = await ParallelSimulator.start(net, {
          threads: choice.threads,
          spawner: env.spawner!,
          cores: env.cores,
          listeners,
          backend: opts.backend,
          ...(opts.memoryBudgetBytes !== undefined && {
            memoryBudgetBytes: opts.memoryBudgetBytes,
          }),
          // the platform's mapping reads the connectivity after the threads have taken theirs
          releaseConnectivity: hardware === null,
        });
        made.sim = sim;
        made.traces = null;
        made.note = [choice.note, NO_TRACES_ON_THREADS].filter(Boolean).join('; ');
        attachHardware(sim);
        return sim;
      } catch (e) {
        // threads hold the connectivity twice while they take their shares (refused before any starts)
        if (!oneThreadInstead(e, req.threads)) throw e;
        made.note = `${(e as Error).message}; ran on one thread`;
      }
    }
    const sim = new Simulator(net, { ...opts, listeners, moveConnectivity: true });
    made.sim = sim;
    made.traces = new Traces(sim, req.traceNeurons ?? defaultTraceNeurons(net), totalTicks);
    attachHardware(sim);
    return sim;
  };

  const summary = await simulateSpecAsync(spec, {
    durationMs: req.durationMs,
    memoryBudgetBytes: ctl.budgetBytes,
    listeners: [recorder],
    engine,
    onProgress: (doneTicks, total, spikes) =>
      ctl.onProgress?.({ phase: 'simulate', doneTicks, totalTicks: total, spikes }),
    ...(ctl.shouldStop && { shouldStop: ctl.shouldStop }),
  }).catch((e: unknown) => {
    throw req.network.kind === 'reference' ? e : inFile(req.network.name, e);
  });

  const sim = made.sim!;
  const net = sim.network;
  const ticksRun = sim.tick;
  const spikes = recorder.take();
  return {
    name: runName(req, summary.model),
    dt: net.dt,
    requestedMs: req.durationMs,
    size: net.size,
    populations: net.populations.map(
      (p): PopulationInfo => ({
        label: p.label,
        model: p.model,
        kind: p.kind,
        size: p.size,
        offset: p.offset,
      }),
    ),
    summary,
    spikes: { ...spikes, total: recorder.seen, truncated: recorder.truncated },
    rates: rateData(
      made.rates!,
      net.populations.length,
      Math.ceil(ticksRun / binTicks),
      binTicks * net.dt,
    ),
    traces: made.traces ? made.traces.data(net.dt) : noTraces(net.dt),
    hardware: hardware ? hardware.finish(ticksRun) : null,
    threadNote: made.note ?? null,
  };
}

function runName(req: SimRequest, model: string | null | undefined): string {
  const net = req.network;
  if (net.kind === 'report') {
    const test = net.network.samples[net.sample]?.test;
    return `spiking network of ${net.name}, test sample ${test}`;
  }
  return model ?? (net.kind === 'file' || net.kind === 'nir' ? net.name : 'network');
}

/** A problem found while building a network from a file names the file, as parse errors do. */
function inFile(name: string, e: unknown): unknown {
  if (!isSpikelabError(e) || e.message.startsWith(`${name}`)) return e;
  return new SpikelabError(e.code, `${name}: ${e.message}`, { cause: e });
}

function noTraces(dt: number): TraceData {
  return {
    neurons: [],
    labels: [],
    populations: [],
    intervalMs: dt,
    samples: 0,
    values: new Float32Array(0),
  };
}

function rateData(m: RateMonitor, populations: number, bins: number, binMs: number) {
  const values = new Float32Array(populations * bins);
  for (let p = 0; p < populations; p++) values.set(m.rates(p).subarray(0, bins), p * bins);
  return { binMs, bins, values };
}
