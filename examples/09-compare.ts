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
  if (!report.snn.applicable) throw new Error(report.snn.reason);
  const loihi = report.snn.energy['loihi']!;
  // the same trained network, simulated for other lengths: no retraining
  const sweep = [5, 10, 25].map((timesteps) => {
    const r = compare(digits, { timesteps, platforms: ['cpu'] }, {}, { train }).report;
    return { timesteps, accuracy: r.snn.applicable ? r.snn.accuracy : null };
  });
  return {
    ann: report.ann.accuracy!,
    snn: report.snn.accuracy,
    settlesAfter: report.snn.latencyTicks.settle.median,
    loihiJoules: loihi.mappable ? loihi.joulesPerInference : null,
    sweep,
    markdown: reportMarkdown(report),
  };
}

if (isMain(import.meta.url)) {
  const r = compareDigits();
  console.log(
    `ANN ${(100 * r.ann).toFixed(2)} %, SNN ${(100 * r.snn).toFixed(2)} % after 100 ticks`,
  );
  console.log(
    `prediction settles after ${r.settlesAfter} ticks (median); Loihi ${r.loihiJoules} J per inference`,
  );
  for (const s of r.sweep) console.log(`T = ${s.timesteps}: ${(100 * s.accuracy!).toFixed(2)} %`);
}
