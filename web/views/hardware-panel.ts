/**
 * The chosen platform's view of the run (hardware layer's report): where the
 * network sits, whether each tick fits the real-time budget, the events it
 * counts, and what they cost in energy (with what is not priced said so).
 */
import type { HardwareReport } from '../../sim/hardware/report.ts';
import { formatJoules } from '../../src/core/format.ts';
import { h, int, num } from '../ui/dom.ts';
import type { HardwareOutcome } from '../worker/hardware-run.ts';

const energyNames: Record<string, string> = {
  neuronUpdate: 'neuron updates',
  spike: 'spikes',
  synapticEvent: 'synaptic events',
  packet: 'packets',
  delivery: 'deliveries',
  hopEastWest: 'hops E–W',
  hopNorthSouth: 'hops N–S',
  hopDiagonal: 'hops diagonal',
  chipCrossing: 'chip crossings',
  static: 'static power',
};

function verdict(r: HardwareReport): HTMLElement {
  if (r.realTime === null) {
    return h('p', {
      class: 'verdict unknown',
      text: 'Real time: unknown (no published per-core event budget for this platform)',
    });
  }
  const pct = `${num(100 * r.overrun!)} %`;
  const where = `busiest core ${r.busiestCore.core}, ${int(r.busiestCore.synapticEvents)} synaptic events in tick ${r.busiestCore.tick}; budget ${int(r.busiestCore.budget ?? 0)}`;
  return r.realTime
    ? h('p', {
        class: 'verdict ok',
        text: `Real time: yes — worst core tick at ${pct} of its budget (${where})`,
      })
    : h('p', {
        class: 'verdict bad',
        text: `Real time: no — worst core tick at ${pct} of its budget (${where})`,
      });
}

function row(label: string, value: string): HTMLElement {
  return h('tr', {}, h('th', { scope: 'row', text: label }), h('td', { text: value }));
}

export function hardwarePanel(o: HardwareOutcome): HTMLElement {
  const title = h('h3', { text: `Hardware: ${o.platformName}` });
  if (!o.report) {
    return h(
      'div',
      { class: 'hardware' },
      title,
      h('p', {
        class: 'error',
        role: 'status',
        text: `Cannot map onto ${o.platformName}: ${o.error?.message ?? 'unknown error'}`,
      }),
    );
  }
  const r = o.report;
  const counts = h(
    'table',
    { class: 'counts' },
    h('caption', { text: `Events over ${int(r.ticks)} platform ticks (${num(r.durationMs)} ms)` }),
    h(
      'tbody',
      {},
      row('Neuron updates', int(r.neuronUpdates)),
      row('Spikes', int(r.spikes)),
      row('Synaptic events', int(r.synapticEvents)),
      row('Packets', int(r.packets)),
      row('Deliveries', int(r.deliveries)),
      row('Hops', int(r.hops)),
      row('Chip crossings', int(r.chipCrossings)),
      r.relay.spikes > 0 ? row('Relay spikes', int(r.relay.spikes)) : null,
    ),
  );
  const e = r.energy;
  const parts = Object.entries(e.breakdown)
    .sort((a, b) => b[1] - a[1])
    .map(([k, j]) => row(energyNames[k] ?? k, formatJoules(j)));
  const energy = h(
    'table',
    { class: 'counts' },
    h('caption', { text: 'Energy' }),
    h(
      'tbody',
      {},
      h(
        'tr',
        { class: 'total' },
        h('th', { scope: 'row', text: e.complete ? 'Total' : 'Total (lower bound)' }),
        h('td', { text: formatJoules(e.joules), 'data-testid': 'energy' }),
      ),
      ...parts,
    ),
  );
  const notes = [
    e.complete
      ? null
      : h('p', {
          class: 'note',
          text: `Not priced (no published cost): ${e.unpriced.map((k) => energyNames[k] ?? k).join(', ')}.`,
        }),
    r.transform?.changes.length
      ? h('p', { class: 'note', text: `Mapping changed: ${r.transform.changes.join('; ')}.` })
      : null,
    h('p', { class: 'note source', text: `Costs: ${e.source}` }),
  ];
  return h(
    'div',
    { class: 'hardware' },
    title,
    h('p', {
      class: 'placement',
      text: `${int(r.cores)} cores on ${int(r.chips)} chip${r.chips === 1 ? '' : 's'} · up to ${int(r.placement.neuronsPerCore.max)} neurons per core (limit ${int(r.placement.neuronsPerCore.limit)}) · mapped in ${num(o.mapSeconds)} s`,
    }),
    verdict(r),
    h('div', { class: 'tables' }, counts, energy),
    ...notes,
  );
}
