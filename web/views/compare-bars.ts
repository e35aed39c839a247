/**
 * What the Compare view's bar charts are given: energy per inference for
 * every network on every platform of its paradigm (a bar with the static
 * power of the cores used beside one with whole chips), and synaptic
 * operations per network; a colour per network, and a reason — never a zero
 * — where there is no figure.
 */
import { RATE_PLATFORMS } from '../../src/harness/compare-options.ts';
import { shortName } from '../../src/harness/report/format.ts';
import type { CompareReport, NetworkEntry } from '../../src/harness/report/schema.ts';
import type { BarSeries } from '../plots/bar-plot.ts';
import { populationColours } from '../plots/theme.ts';

export const PLATFORM_TITLES: Record<string, string> = {
  truenorth: 'TrueNorth',
  spinnaker: 'SpiNNaker',
  spinnaker2: 'SpiNNaker 2',
  loihi: 'Loihi',
  cpu: 'CPU',
  accelerator: 'Accelerator',
};

/** Whole chips' bars: one muted colour, beside the network's own. */
export const WHOLE_CHIPS_COLOUR = '#a6a6a6';

/** The colour of the report's network at index i (the rate network first). */
export function networkColour(i: number): string {
  return populationColours[i % populationColours.length]!;
}

const isRatePlatform = (p: string) => (RATE_PLATFORMS as readonly string[]).includes(p);

/**
 * One category per (platform, network of that platform's paradigm), in the
 * report's platform order; two series: total with the static power of the
 * cores used, and with that of whole chips.
 */
export function energyBars(r: CompareReport): { categories: string[]; series: BarSeries[] } {
  const categories: string[] = [];
  const used: (number | null)[] = [];
  const whole: (number | null)[] = [];
  const colours: string[] = [];
  const missing: (string | null)[] = [];
  const wholeMissing: (string | null)[] = [];
  const prefix: (string | null)[] = [];
  for (const p of r.settings.platforms) {
    const rate = isRatePlatform(p);
    const nets = r.networks.filter((n) => (n.paradigm === 'rate') === rate);
    const title = PLATFORM_TITLES[p] ?? p;
    if (nets.length === 0) {
      categories.push(`${title}\n${rate ? 'ANN' : 'SNN'}`);
      colours.push(networkColour(rate ? 0 : 1));
      used.push(null);
      whole.push(null);
      const why = rate ? 'no rate network' : 'no spiking network';
      missing.push(why);
      wholeMissing.push(why);
      prefix.push(null);
      continue;
    }
    for (const n of nets) {
      const e = n.energy[p];
      categories.push(`${title}\n${shortName(n)}`);
      colours.push(networkColour(r.networks.indexOf(n)));
      const priced = e?.mappable ? e : null;
      used.push(priced ? priced.totalJoules : null);
      const w = priced?.staticJoules.wholeChips;
      whole.push(priced && w != null ? priced.dynamicJoules + w : null);
      const why = e === undefined ? 'not priced' : e.mappable ? null : 'not mappable';
      missing.push(why);
      wholeMissing.push(why ?? (w == null ? 'static unpriced' : null));
      prefix.push(priced && !priced.complete ? '≥ ' : null);
    }
  }
  return {
    categories,
    series: [
      { label: 'static of the cores used', colour: colours, values: used, missing, prefix },
      {
        label: 'static of whole chips',
        colour: WHOLE_CHIPS_COLOUR,
        values: whole,
        missing: wholeMissing,
        prefix,
      },
    ],
  };
}

/** Effective (MACs for a rate network, ACs for a spiking one) and dense operations, one series per network. */
export function operationBars(r: CompareReport): BarSeries[] {
  return r.networks.map((n: NetworkEntry, i) => {
    const o = n.neurobench.SynapticOperations;
    const effective = n.paradigm === 'rate' ? o.Effective_MACs : o.Effective_ACs;
    return {
      label: `${n.label} (${n.paradigm === 'rate' ? 'MACs' : 'ACs'})`,
      colour: networkColour(i),
      values: [effective, o.Dense],
    };
  });
}
