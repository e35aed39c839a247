/**
 * What the TrueNorth deployment's weight bits cost and buy: for one data set
 * and each input coding, the float spiking network's accuracy beside the
 * deployed network's with 2, 3 and 4 bits per weight (and the default,
 * `auto`), with cores, TrueNorth neurons, the output's extra latency and the
 * engine's time per sample (median of the samples' batch, this machine).
 * Same trained network, same samples and Poisson streams for every row.
 *
 *   npm run bench:truenorth                                  # digits, both codings
 *   npm run bench:truenorth -- --dataset mnist --samples 2000
 *   npm run bench:truenorth -- --bits 2,4 --encodings poisson
 */
import { deployOnTrueNorth, inputLeaks } from '../sim/hardware/truenorth/deploy/deploy.ts';
import { buildNetwork } from '../sim/network/build.ts';
import type { DatasetName } from '../src/data/names.ts';
import { loadDataset } from '../src/data/node/load.ts';
import { convertToSpiking } from '../src/harness/convert/convert.ts';
import { denseStack } from '../src/harness/convert/dense-stack.ts';
import type { EncodingName } from '../src/harness/convert/spiking-classifier.ts';
import { type SampleDrive, simulateSamples } from '../src/harness/run/simulate.ts';
import { settingsFor, trainOnDataset } from '../src/harness/train-rate.ts';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const dataset = flag('--dataset', 'digits') as DatasetName;
const encodings = flag('--encodings', 'current,poisson').split(',') as EncodingName[];
const bits = flag('--bits', 'auto,2,3,4').split(',');
const T = Number(flag('--timesteps', '100'));
const seed = Number(flag('--seed', '0'));

const data = loadDataset(dataset);
const train = trainOnDataset(data, settingsFor(dataset), seed);
const n = Math.min(Number(flag('--samples', 'Infinity')), train.result.testSamples);
const x = train.test.x.subarray(0, n * train.test.features);
const y = train.test.labels!;
const pct = (k: number) => `${((100 * k) / n).toFixed(2)} %`;

console.log(`${dataset}: ${n} test samples, T = ${T}, seed ${seed}`);
console.log(
  '| input | network | accuracy | cores | TrueNorth neurons | output latency | ms per sample |',
);
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
for (const encoding of encodings) {
  const conversion = convertToSpiking(
    denseStack(train.model),
    { x: train.train.x, n: train.result.trainSamples },
    { encoding, timesteps: T },
  );
  const c = conversion.classifier;
  const net = buildNetwork(c.spec);
  let t = performance.now();
  const float = simulateSamples(c, x, y, n, { timesteps: T, seed }, net);
  const floatMs = (performance.now() - t) / n;
  console.log(
    `| ${encoding} | float SNN | ${pct(float.correctByTick[T - 1]!)} | — | — | — | ${floatMs.toFixed(2)} |`,
  );
  for (const b of bits) {
    const weightBits = b === 'auto' ? 'auto' : (Number(b) as 2 | 3 | 4);
    const dep = deployOnTrueNorth(net, { weightBits });
    const input = dep.inputs.find((i) => i.label === c.input.population)!;
    const leaks = new Float32Array(input.leakPerCurrent?.length ?? 0);
    const adaptDrive = (d: SampleDrive): SampleDrive =>
      'currents' in d ? { currents: inputLeaks(input, d.currents, leaks) } : d;
    t = performance.now();
    const chip = simulateSamples(
      c,
      x,
      y,
      n,
      {
        timesteps: T,
        seed,
        readout: 'count',
        backend: 'wasm',
        ...(input.kind === 'leak' ? { adaptDrive } : {}),
      },
      dep.network,
    );
    const ms = (performance.now() - t) / n;
    const r = dep.report;
    const layers = r.layers.map((l) => `${l.weightBits}`).join('/');
    console.log(
      `| ${encoding} | TrueNorth, ${b} (${layers} bits) | ${pct(chip.correctByTick[T - 1]!)} | ${r.cores.total} | ${r.neurons.deployed} | +${r.latencyTicks} | ${ms.toFixed(2)} |`,
    );
  }
}
