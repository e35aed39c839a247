/**
 * The comparison as a library: train the digits MLP once, convert it, and
 * read accuracy, energy and latency from the report; then sweep the
 * simulation length on the same trained network.
 *
 *   npx tsx examples/09-compare.ts
 */
import { loadDataset } from '../src/data/node/load.ts';
import { compare, reportMarkdown } from '../src/index.ts';
import { isMain } from './main-module.ts';

export function compareDigits() {
  const digits = loadDataset('digits');
  const { report, train } = compare(digits, { timesteps: 100, platforms: ['loihi', 'cpu'] });
  const [ann, snn] = report.networks; // the rate network, then its spiking conversion
  if (!snn) throw new Error(report.notApplicable[0]?.reason);
  const loihi = snn.energy['loihi']!;
  // the same trained network, simulated for other lengths: no retraining
  const sweep = [5, 10, 25].map((timesteps) => {
    const r = compare(digits, { timesteps, platforms: ['cpu'] }, {}, { train }).report;
    return { timesteps, accuracy: r.networks[1]?.accuracy?.value ?? null };
  });
  return {
    ann: ann!.accuracy!.value,
    snn: snn.accuracy!.value,
    /** McNemar's exact test of the two on the same test images. */
    pValue: report.comparisons[0]!.pValue,
    settlesAfter: snn.latency.kind === 'ticks' ? snn.latency.settle.median : null,
    loihiJoules: loihi.mappable ? loihi.totalJoules : null,
    loihiSeconds: loihi.mappable ? loihi.secondsPerInference : null,
    sweep,
    markdown: reportMarkdown(report),
  };
}

if (isMain(import.meta.url)) {
  const r = compareDigits();
  console.log(
    `ANN ${(100 * r.ann).toFixed(2)} %, SNN ${(100 * r.snn).toFixed(2)} % after 100 ticks (McNemar p = ${r.pValue.toFixed(3)})`,
  );
  console.log(
    `prediction settles after ${r.settlesAfter} ticks (median); Loihi ${r.loihiJoules} J and ${r.loihiSeconds} s per inference`,
  );
  for (const s of r.sweep) console.log(`T = ${s.timesteps}: ${(100 * s.accuracy!).toFixed(2)} %`);
}
