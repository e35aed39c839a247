/**
 * HDF5 bytes ⇄ a plain tree of groups and datasets, through h5wasm (the HDF5
 * C library compiled to WebAssembly; deflate built in, so gzip-compressed
 * datasets as NIR ≥ 1.0.8 writes them read like any other). One code path for
 * Node and the browser worker: files live in h5wasm's in-memory file system.
 * The 4 MB module is imported on first use, so neither the CLI's start-up
 * nor the web bundle pays for it until a .nir file is opened.
 */
import { SpikelabError } from '../../../src/core/errors.ts';

export type H5Numbers = Float32Array | Float64Array | Int32Array | BigInt64Array;

export interface H5Dataset {
  kind: 'dataset';
  /** [] for a scalar. */
  shape: number[];
  /** Numbers (integers read as int64 come back as BigInt64Array) or strings, row-major. */
  value: H5Numbers | Float64Array | string[];
  /** HDF5 filters the stored data passed through ('deflate' for gzip), as read. */
  filters?: string[];
}

export interface H5Group {
  kind: 'group';
  children: Map<string, H5Group | H5Dataset>;
}

type H5 = typeof import('h5wasm');

interface H5FS {
  writeFile(name: string, data: Uint8Array): void;
  readFile(name: string): Uint8Array;
  unlink(name: string): void;
}

let loading: Promise<{ h5: H5; fs: H5FS }> | null = null;

function h5wasm(): Promise<{ h5: H5; fs: H5FS }> {
  loading ??= import('h5wasm').then(async (h5) => {
    const module = await h5.ready;
    return { h5, fs: module.FS as unknown as H5FS };
  });
  return loading;
}

let fileCounter = 0;
const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** True when the bytes start with HDF5's signature (a file with no user block). */
export function isHdf5(bytes: Uint8Array): boolean {
  return HDF5_SIGNATURE.every((b, i) => bytes[i] === b);
}

function toDataset(ds: import('h5wasm').Dataset, path: string): H5Dataset {
  const shape = ds.shape ?? [];
  const raw = ds.value;
  const n = shape.reduce((a, b) => a * b, 1);
  let value: H5Dataset['value'];
  if (typeof raw === 'string') value = [raw];
  else if (Array.isArray(raw) && raw.every((s) => typeof s === 'string')) value = raw as string[];
  else if (typeof raw === 'number') value = Float64Array.of(raw);
  else if (typeof raw === 'bigint') value = BigInt64Array.of(raw);
  else if (typeof raw === 'boolean') value = Float64Array.of(raw ? 1 : 0);
  else if (raw instanceof Float32Array || raw instanceof Float64Array) value = raw;
  else if (raw instanceof BigInt64Array) value = raw;
  else if (ArrayBuffer.isView(raw) && !(raw instanceof BigUint64Array))
    value = Float64Array.from(raw as unknown as ArrayLike<number>);
  else {
    throw new SpikelabError(
      'INVALID_FILE',
      `${path}: a dataset of type ${JSON.stringify(ds.dtype)} that is neither numbers nor strings`,
    );
  }
  if (value.length !== n) {
    throw new SpikelabError(
      'INVALID_FILE',
      `${path}: ${value.length} values for shape [${shape.join(', ')}]`,
    );
  }
  const filters = ds.filters.map((x) => x.name);
  return { kind: 'dataset', shape, value, ...(filters.length > 0 && { filters }) };
}

function readGroup(h5: H5, g: import('h5wasm').Group, path: string): H5Group {
  const children = new Map<string, H5Group | H5Dataset>();
  for (const key of g.keys()) {
    const child = g.get(key);
    const where = path ? `${path}/${key}` : key;
    if (child instanceof h5.Group) children.set(key, readGroup(h5, child, where));
    else if (child instanceof h5.Dataset) children.set(key, toDataset(child, where));
    // links, committed datatypes and references carry nothing NIR uses
  }
  return { kind: 'group', children };
}

/** Reads HDF5 bytes into a tree; `where` names the file in errors. */
export async function readHdf5(bytes: Uint8Array, where: string): Promise<H5Group> {
  if (!isHdf5(bytes)) {
    throw new SpikelabError(
      'INVALID_FILE',
      `${where}: not an HDF5 file (no HDF5 signature in its first 8 bytes); allowed: a NIR file written by nir.write, snnTorch, Norse, Rockpool, Sinabs or spikelab`,
    );
  }
  const { h5, fs } = await h5wasm();
  const name = `/spikelab-read-${++fileCounter}.h5`;
  fs.writeFile(name, bytes);
  let file: import('h5wasm').File | null = null;
  try {
    file = new h5.File(name, 'r');
    return readGroup(h5, file, '');
  } catch (e) {
    if (e instanceof SpikelabError) throw e;
    throw new SpikelabError('INVALID_FILE', `${where}: HDF5 read failed (${(e as Error).message})`);
  } finally {
    file?.close();
    fs.unlink(name);
  }
}

function writeGroup(g: import('h5wasm').Group, tree: H5Group): void {
  for (const [key, child] of tree.children) {
    if (child.kind === 'group') {
      writeGroup(g.create_group(key), child);
      continue;
    }
    const { shape, value } = child;
    if (Array.isArray(value)) {
      g.create_dataset({ name: key, data: shape.length === 0 ? value[0]! : value, shape });
      continue;
    }
    const dims = shape.length > 0 && shape.every((d) => d > 0);
    // gzip as nir.write does; HDF5 compresses only chunked, non-empty arrays
    g.create_dataset({
      name: key,
      data: value,
      shape,
      ...(dims && { chunks: shape, compression: 'gzip' as const }),
    });
  }
}

/** Writes a tree as HDF5 bytes (every non-scalar numeric dataset gzip-compressed). */
export async function writeHdf5(tree: H5Group): Promise<Uint8Array> {
  const { h5, fs } = await h5wasm();
  const name = `/spikelab-write-${++fileCounter}.h5`;
  const file = new h5.File(name, 'w');
  try {
    writeGroup(file, tree);
  } finally {
    file.close();
  }
  const bytes = fs.readFile(name);
  fs.unlink(name);
  return bytes;
}
