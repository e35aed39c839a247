/**
 * The text tables of `spikelab map`: one column per placement, so the cost of
 * a placement shows beside the other's on the same simulation.
 */
import { EVENT_KINDS } from '../../../sim/energy/cost-table.ts';
import type { HardwareReport } from '../../../sim/hardware/report.ts';
import type { PlatformRunReport } from '../../../sim/hardware/run-on-platform.ts';
import { publishedComparison } from './map-published.ts';

const int = (x: number) => Math.round(x).toLocaleString('en-US');
/** Three significant digits; exponent notation below a millijoule. */
const joules = (x: number) => (x === 0 ? '0' : x >= 1e-3 ? x.toPrecision(3) : x.toExponential(2));

function verdict(r: HardwareReport): string {
  if (r.realTime === null || r.overrun === null) return 'unknown (no budget)';
  return `${r.realTime ? 'yes' : 'NO'} (${r.overrun.toPrecision(3)}× budget)`;
}

function rows(run: PlatformRunReport): [string, string[]][] {
  const reports = run.runs.map((x) => x.report);
  const col = (f: (r: HardwareReport) => string) => reports.map(f);
  const out: [string, string[]][] = [
    ['cores (relay cores)', col((r) => `${int(r.cores)} (${int(r.placement.relayCores)})`)],
    ['chips', col((r) => int(r.chips))],
    ['neurons per core, max', col((r) => int(r.placement.neuronsPerCore.max))],
    ['packets', col((r) => int(r.packets))],
    ['copies delivered to cores', col((r) => int(r.deliveries))],
    ['router hops', col((r) => int(r.hops))],
    ['chip-to-chip crossings', col((r) => int(r.chipCrossings))],
    ['synaptic events', col((r) => int(r.synapticEvents))],
    ['relay synaptic events', col((r) => int(r.relay.synapticEvents))],
    [
      'busiest core, worst tick',
      col(
        (r) =>
          `${int(r.busiestCore.synapticEvents)}${r.busiestCore.budget === null ? '' : ` of ${int(r.busiestCore.budget)}`}`,
      ),
    ],
    ['real time', col(verdict)],
  ];
  if (reports.some((r) => r.routing !== null)) {
    out.push([
      'routing entries per chip, max',
      col((r) =>
        r.routing ? `${int(r.routing.maxEntriesPerChip)} of ${int(r.routing.limit)}` : '–',
      ),
    ]);
  }
  out.push([
    'time on the chip (s)',
    col((r) => `${joules(r.time.seconds)} (${r.time.realTimeFactor.toPrecision(3)}× real time)`),
  ]);
  out.push(['energy (J), static of the cores used', col((r) => joules(r.energy.joules))]);
  const kinds = EVENT_KINDS.filter((k) => reports.some((r) => r.energy.breakdown[k] !== undefined));
  for (const k of kinds) {
    out.push([`  ${k}`, col((r) => joules(r.energy.breakdown[k] ?? 0))]);
  }
  const st = (v: number | null) => (v === null ? 'unpriced' : joules(v));
  out.push(['  static (used cores)', col((r) => st(r.energy.staticJoules.usedCores))]);
  out.push([
    'energy (J), static of whole chips',
    col((r) => {
      const w = r.energy.staticJoules.wholeChips;
      return w === null ? 'unpriced' : joules(r.energy.dynamicJoules + w);
    }),
  ]);
  out.push(['energy complete', col((r) => (r.energy.complete ? 'yes' : 'no (lower bound)'))]);
  out.push([
    'energy per simulated second (W)',
    run.runs.map((x) => joules(x.joulesPerSimulatedSecond)),
  ]);
  return out;
}

export function formatPlatformRunReport(run: PlatformRunReport, name: string): string {
  const e = run.engine;
  const lines = [
    `${run.model ?? name} on ${run.platformName}: ${int(run.neurons)} neurons${run.sourceNeurons ? ` + ${int(run.sourceNeurons)} spike sources` : ''}, ${int(run.synapses)} synapses; ${run.durationMs} ms at ${run.dt} ms ticks, seed ${run.seed}`,
  ];
  if (run.deployedFrom) {
    const d = run.deployedFrom;
    lines.push(
      `deployed from ${int(d.neurons)} neurons${d.sourceNeurons ? ` + ${int(d.sourceNeurons)} spike sources` : ''} and ${int(d.synapses)} synapses: everything below is the deployed network's (splitters and partial sums included), which is what the chip runs`,
    );
  }
  if (run.dtChangedFrom !== null) {
    lines.push(
      `note: the network's tick ${run.dtChangedFrom} ms was set to the platform's ${run.dt} ms (delays and refractory periods rounded to it)`,
    );
  }
  lines.push(
    `engine: ${int(e.spikes)} spikes (${e.meanRateHz.toFixed(2)} Hz), ${int(e.synapticEvents)} synaptic events, ${int(e.neuronUpdates)} neuron updates; simulated in ${run.simulationSeconds.toFixed(2)} s`,
  );
  if (e.externalEvents > 0) {
    lines.push(
      `note: ${int(e.externalEvents)} external Poisson kicks drive the neurons inside the engine; they are not mapped (on hardware they would be spike sources with their own traffic)`,
    );
  }
  if (run.stopped) lines.push('note: stopped early');
  const table = rows(run);
  const head = ['', ...run.runs.map((x) => x.placement)];
  const w0 = Math.max(...table.map(([k]) => k.length), head[0]!.length);
  const ws = head.slice(1).map((h, i) => Math.max(h.length, ...table.map(([, v]) => v[i]!.length)));
  const line = (k: string, vs: string[]) =>
    `${k.padEnd(w0)}  ${vs.map((v, i) => v.padStart(ws[i]!)).join('   ')}`.trimEnd();
  lines.push('', line(head[0]!, head.slice(1)), ...table.map(([k, v]) => line(k, v)));
  const first = run.runs[0]!.report;
  lines.push('', `energy table: ${first.energy.source}`);
  const unpriced = [...new Set(run.runs.flatMap((x) => x.report.energy.unpriced))];
  if (unpriced.length > 0) {
    lines.push(
      `unpriced (counted, but no published cost; the energy is a lower bound): ${unpriced.join(', ')}`,
    );
  }
  for (const x of run.runs) {
    const n = x.report.placement.neuronsPerCore;
    if (n.cap < n.limit) {
      lines.push(
        `${x.placement}: at most ${int(n.cap)} neurons per core (limit ${int(n.limit)}), so that no core sends on more core-to-core fan-out edges than the platform allows`,
      );
    }
  }
  const deployment = run.runs[0]!.report.deployment;
  if (deployment) {
    lines.push(`${run.platformName} deployment:`, ...deployment.changes.map((c) => `  ${c}`));
  }
  for (const x of run.runs) {
    const changes = x.report.transform?.changes;
    if (!changes) continue;
    lines.push(`${run.platformName} changes (${x.placement}):`);
    lines.push(...(changes.length ? changes.map((c) => `  ${c}`) : ['  none']));
  }
  lines.push(...publishedComparison(run));
  return `${lines.join('\n')}\n`;
}
