/**
 * The one path from a network and a platform to a counter and a report:
 * which mapping a network gets (TrueNorth deployment, per-axon-type
 * transform, plain mapping), a network that does not fit as an outcome
 * rather than an exception, the caller's mistakes thrown, and a finer
 * engine tick counted on the chip's.
 */
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../../sim/engine/simulator.ts';
import {
  type PlatformRun,
  platformReport,
  preparePlatformRun,
  preparePlatformRuns,
} from '../../../sim/hardware/platform-run.ts';
import { brunel } from '../../../sim/models/brunel.ts';
import { cuba } from '../../../sim/models/cuba.ts';
import { buildNetwork } from '../../../sim/network/build.ts';
import type { Network } from '../../../sim/network/network.ts';
import type { NetworkSpec } from '../../../sim/network/spec.ts';
import { Rng } from '../../../src/core/rng.ts';

/** Poisson input → 20 IF_nonleaky → 4 IF_nonleaky, dense: a network the TrueNorth deployment takes. */
function converted(): NetworkSpec {
  const rng = new Rng(5);
  const dense = (pre: string, post: string, n: number) => ({
    pre,
    post,
    connector: {
      type: 'fromMatrix' as const,
      weights: Float32Array.from({ length: n }, () => rng.uniform() - 0.3),
    },
    delay: 1,
    receptor: 'excitatory' as const,
  });
  const IF = { vThresh: 1, vReset: 0 };
  return {
    schemaVersion: 1,
    dt: 1,
    seed: 2,
    populations: [
      { label: 'input', size: 16, model: 'SpikeSourcePoisson', params: { rate: 100 } },
      { label: 'hidden', size: 20, model: 'IF_nonleaky', params: IF },
      { label: 'output', size: 4, model: 'IF_nonleaky', params: IF },
    ],
    projections: [dense('input', 'hidden', 16 * 20), dense('hidden', 'output', 20 * 4)],
  };
}

/** Runs the network the run's counter listens to for `ticks` and reports. */
function simulate(run: PlatformRun, net: Network, ticks: number) {
  const sim = new Simulator(run.deployment?.network ?? net, { listeners: [run.clock!] });
  const r = sim.run(ticks);
  return { counts: r.counts, report: platformReport(run, r.ticks)! };
}

describe('preparePlatformRun', () => {
  const ff = buildNetwork(converted());

  it('TrueNorth deploys a converted network; the counter counts the deployed run', () => {
    const run = preparePlatformRun(ff, 'truenorth');
    expect(run.deployment).not.toBeNull();
    expect(run.notDeployed).toBeNull();
    expect(run.mapped?.deployment).toBeDefined();
    const { counts, report } = simulate(run, ff, 100);
    expect(report.spikes).toBe(counts.spikes);
    expect(report.synapticEvents).toBe(counts.synapticEvents);
    expect(report.deployment?.neurons.deployed).toBe(run.deployment!.network.size - 16);
  });

  it("TrueNorth with deploy: 'never' maps the network as given, with the per-axon-type transform; reject mode deploys nothing", () => {
    const run = preparePlatformRun(ff, 'truenorth', { truenorth: { deploy: 'never' } });
    expect(run.deployment).toBeNull();
    expect(run.notDeployed).toMatch(/not asked for/);
    expect(run.mapped?.truenorth?.report.mode).toBe('transform');
    const reject = preparePlatformRun(ff, 'truenorth', { truenorth: { mode: 'reject' } });
    expect(reject.deployment).toBeNull();
    expect(reject.notMapped?.code).toBe('CONSTRAINT_VIOLATION'); // its float weights do not fit as they are
  });

  it('TrueNorth keeps the transform for a network the deployment does not take, and says why', () => {
    const net = buildNetwork(cuba({ n: 200, dt: 1 }));
    const run = preparePlatformRun(net, 'truenorth');
    expect(run.deployment).toBeNull();
    expect(run.notDeployed).toMatch(/^TrueNorth deployment: population 'exc' is IF_curr_exp/);
    expect(run.mapped?.truenorth).toBeDefined();
    const always = preparePlatformRun(net, 'truenorth', { truenorth: { deploy: 'always' } });
    expect([always.mapped, always.notMapped?.code]).toEqual([null, 'NOT_APPLICABLE']);
    expect(always.notMapped?.message).toBe(run.notDeployed);
  });

  it('other platforms map the network plainly, whatever the TrueNorth options say', () => {
    const run = preparePlatformRun(ff, 'loihi', { truenorth: { deploy: 'always' } });
    expect(run.deployment).toBeNull();
    expect(run.notDeployed).toBeNull();
    expect(run.mapped?.truenorth).toBeUndefined();
    const { counts, report } = simulate(run, ff, 100);
    expect(report.synapticEvents).toBe(counts.synapticEvents);
  });

  it('a network the platform cannot hold is the run’s outcome, not an exception', () => {
    const net = buildNetwork(brunel({ scale: 0.05, fanInScale: 0.5, dt: 1 })); // 500 excitatory inputs per neuron
    const run = preparePlatformRun(net, 'truenorth');
    expect(run.mapped).toBeNull();
    expect(run.clock).toBeNull();
    expect(run.deployment).toBeNull();
    expect(run.notMapped?.code).toBe('CONSTRAINT_VIOLATION');
    expect(platformReport(run, 10)).toBeNull();
  });

  it('the caller’s mistakes are thrown: an unknown platform, a bad deployment option', () => {
    expect(() => preparePlatformRun(ff, 'akida')).toThrow(/platform: got "akida"/);
    expect(() =>
      preparePlatformRun(ff, 'truenorth', { truenorth: { weightBits: 5 as 4 } }),
    ).toThrow(/weightBits: got 5/);
  });

  it('an engine tick of 0.1 ms is counted on the chip’s 1 ms: 300 engine ticks are 30 platform ticks', () => {
    const net = buildNetwork(cuba({ n: 300, dt: 0.1, seed: 4 }));
    const run = preparePlatformRun(net, 'spinnaker');
    const { counts, report } = simulate(run, net, 300);
    expect(report.ticks).toBe(30);
    expect(report.spikes).toBe(counts.spikes);
    expect(report.synapticEvents).toBe(counts.synapticEvents);
  });

  it('several placements share one deployment, each with its own counter', () => {
    const runs = preparePlatformRuns(ff, 'truenorth', ['sequential', 'clustered']);
    expect(runs).toHaveLength(2);
    expect(runs[0]!.deployment).toBe(runs[1]!.deployment);
    expect(runs[0]!.clock).not.toBe(runs[1]!.clock);
  });
});
