/** The run's figures at a glance: spike count, rates, regularity, cost of the run. */
import { h, int, num, seconds } from '../ui/dom.ts';
import type { SimResult } from '../worker/result.ts';

export function stat(label: string, value: string, testId?: string, title?: string): HTMLElement {
  return h(
    'div',
    { class: 'stat', title },
    h('dt', { text: label }),
    h('dd', { text: value, 'data-testid': testId }),
  );
}

export function describeRun(r: SimResult): string {
  const s = r.summary;
  const ran = s.stopped
    ? `cancelled at ${num(s.durationMs)} of ${num(r.requestedMs)} ms`
    : `${num(s.durationMs)} ms`;
  return `${r.name}: ${int(s.neurons)} neurons, ${int(s.synapses)} synapses · ${ran} at dt ${s.dt} ms · seed ${s.seed}`;
}

export function summaryPanel(r: SimResult): HTMLElement {
  const s = r.summary;
  const sourceSpikes = r.spikes.total - s.spikes;
  const realTime = s.durationMs > 0 ? s.simulationSeconds / (s.durationMs / 1000) : 0;
  return h(
    'dl',
    { class: 'stats' },
    stat('Spikes', int(s.spikes), 'spike-count', 'spikes of neurons (spike sources not included)'),
    sourceSpikes > 0 ? stat('Source spikes', int(sourceSpikes)) : null,
    stat('Mean rate', `${num(s.meanRateHz)} Hz`),
    stat('CV of ISIs', num(s.cvIsi), undefined, 'mean over neurons with ≥ 2 ISIs'),
    stat('Silent', `${num(100 * s.silentFraction, 2)} %`),
    stat('Synaptic events', int(s.synapticEvents)),
    stat('Build', seconds(s.buildSeconds)),
    stat(
      'Simulation',
      seconds(s.simulationSeconds),
      undefined,
      `${num(realTime)} s of wall time per simulated second`,
    ),
  );
}
