/**
 * What the literature reports for the Potjans & Diesmann microcircuit on
 * SpiNNaker 1, printed under `map microcircuit --platform spinnaker` beside
 * this model's figures. Both studies ran the full model at 0.1 ms steps and
 * priced the whole machine (boards, power supplies) from its measured power,
 * while the model here prices the cores' events and static power only, so
 * its energy per synaptic event is a lower bound of theirs.
 */
import type { HardwareReport } from '../../../sim/hardware/report.ts';
import type { PlatformRunReport } from '../../../sim/hardware/run-on-platform.ts';

const PUBLISHED = [
  // van Albada et al. 2018, Front. Neurosci. 12:291 (abstract; energy figure as quoted in sim/energy/spinnaker.ts)
  'van Albada et al. 2018 (Front. Neurosci. 12:291): about 20× slower than real time for NEST-like accuracy at 0.1 ms steps, 4.4 µJ per synaptic event',
  // Rhodes et al. 2020, Phil. Trans. R. Soc. A 378:20190160 (arXiv 1909.08665, 2019): abstract
  'Rhodes et al. 2019 (Phil. Trans. R. Soc. A 378:20190160): real time (10 s in 10 s) with synapse processing spread over extra cores, 0.6 µJ per synaptic event',
];

const microJoulesPerEvent = (r: HardwareReport) =>
  r.synapticEvents > 0 ? (1e6 * r.energy.joules) / r.synapticEvents : 0;

/** The comparison lines, or none when the run is not the microcircuit on SpiNNaker 1. */
export function publishedComparison(run: PlatformRunReport): string[] {
  if (run.model !== 'microcircuit' || run.platformName !== 'SpiNNaker 1') return [];
  const r = run.runs[0]!.report;
  const verdict =
    r.overrun === null
      ? 'no budget known'
      : r.realTime
        ? 'within the real-time budget'
        : `the busiest core ${r.overrun.toPrecision(3)}× over its real-time budget`;
  return [
    '',
    'published, the full microcircuit on SpiNNaker 1:',
    ...PUBLISHED.map((p) => `  ${p}`),
    `this model (${run.runs[0]!.placement} placement, at most 256 neurons per core and one population per core, ${run.dt} ms ticks where the studies stepped 0.1 ms): ${r.cores.toLocaleString('en-US')} cores on ${r.chips.toLocaleString('en-US')} chips, ${verdict}, ${microJoulesPerEvent(r).toPrecision(3)} µJ per synaptic event (cores only: a lower bound of the published whole-machine figures)`,
  ];
}
