/**
 * Poisson sources replaced by the spikes the engine draws for them: the same
 * network with SpikeSourceArray inputs, so another simulator receives exactly
 * the input spikelab's run receives. Populations draw from streams of their
 * own index, so the rest of the network is built unchanged.
 */
import { SpikeMonitor } from '../../engine/monitors.ts';
import { Simulator } from '../../engine/simulator.ts';
import { buildNetwork } from '../../network/build.ts';
import type { NetworkSpec, PopulationSpec } from '../../network/spec.ts';

export function realisePoissonSources(spec: NetworkSpec, durationMs: number): NetworkSpec {
  const net = buildNetwork(spec);
  const sources = net.populations.filter((p) => p.kind === 'poisson');
  if (sources.length === 0) return spec;
  const monitor = SpikeMonitor.of(
    net,
    sources.map((p) => p.label),
  );
  new Simulator(net, { listeners: [monitor] }).run(Math.round(durationMs / net.dt));
  const { ticks, ids } = monitor.record();
  const populations: PopulationSpec[] = spec.populations.map((ps, i) => {
    const pop = net.populations[i]!;
    if (pop.kind !== 'poisson') return ps;
    const times: number[][] = Array.from({ length: pop.size }, () => []);
    for (let k = 0; k < ids.length; k++) {
      const local = ids[k]! - pop.offset;
      if (local >= 0 && local < pop.size) times[local]!.push(ticks[k]! * net.dt);
    }
    return {
      label: pop.label,
      size: pop.size,
      model: 'SpikeSourceArray',
      params: { spikeTimes: times.map((t) => Float64Array.from(t)) },
    };
  });
  return {
    ...spec,
    populations,
    meta: { ...spec.meta, poissonRealisedMs: durationMs },
  };
}
