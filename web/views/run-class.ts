/** For a report's network run on one of its test samples: the class its output layer gave. */
import type { SpikingNetworkBlock } from '../../src/harness/report/schema.ts';
import type { SimResult } from '../worker/result.ts';

/** For a report's network: the class its output layer gave this run, beside the label and the comparison's. */
export function classOfRun(r: SimResult, request: Record<string, unknown> | null): string {
  const net = request?.['network'] as
    | { kind: string; network?: SpikingNetworkBlock; sample?: number }
    | undefined;
  if (net?.kind !== 'report' || !net.network || net.sample === undefined) return '';
  const block = net.network;
  const sample = block.samples[net.sample];
  const out = r.populations.find((p) => p.label === block.output);
  if (!sample || !out) return '';
  const counts = new Array<number>(out.size).fill(0);
  const ids = r.spikes.ids;
  for (let i = 0; i < ids.length; i++) {
    const k = ids[i]! - out.offset;
    if (k >= 0 && k < out.size) counts[k]!++;
  }
  const name = (c: number) => block.classes[c] ?? String(c);
  const top = Math.max(...counts);
  const winners = counts.flatMap((c, k) => (c === top ? [k] : []));
  const said =
    out.size === 1
      ? counts[0]! > 0
        ? `the output neuron spiked ${counts[0]} times: class ${name(1)}`
        : `the output neuron did not spike: class ${name(0)} unless its potential ended positive`
      : top === 0
        ? 'no output neuron spiked'
        : winners.length > 1
          ? `output neurons ${winners.map(name).join(', ')} tie with ${top} spikes`
          : `most output spikes: ${name(winners[0]!)} (${top})`;
  return `Test sample ${sample.test}, label ${name(sample.label)}: ${said}. In the comparison the spiking network said ${name(sample.snn)}, the rate network ${name(sample.ann)}.`;
}
