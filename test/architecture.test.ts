/**
 * The spiking engine (sim/) must stand alone: it may import only from sim/,
 * src/core/ and a short list of packages. The browser worker relies on it, and
 * the comparison is only fair if neither engine borrows from the other.
 *
 * Within sim/, the hardware models sit on top of the engine: the neuron
 * models, the network, the engine and its wasm backend never import from
 * sim/hardware/ (a hardware neuron such as TrueNorth's lives in sim/neurons/).
 * And no module of the project imports itself through others: a cycle makes
 * the load order decide what is defined, and ties modules that should change
 * apart.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  if (!existsSync(dir)) return out; // a folder not written yet has nothing to violate
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|js|mjs)$/.test(name)) out.push(p);
  }
  return out;
}

/** Module specifiers of static imports, re-exports and dynamic imports. */
function importsOf(source: string): string[] {
  const specs: string[] = [];
  const re =
    /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
  for (const m of source.matchAll(re)) specs.push((m[1] ?? m[2] ?? m[3])!);
  return specs;
}

/** Packages the spiking engine may use (none yet: it is plain TypeScript on typed arrays). */
const allowedPackages: string[] = [];

interface SourceFile {
  path: string; // relative to the repository root
  source: string;
}

function violations(files: SourceFile[], allowedDirs: string[]): string[] {
  const bad: string[] = [];
  for (const file of files) {
    for (const spec of importsOf(file.source)) {
      if (spec.startsWith('.')) {
        const target = relative(root, resolve(root, dirname(file.path), spec));
        if (!allowedDirs.some((d) => target === d || target.startsWith(`${d}/`))) {
          bad.push(`${file.path} imports ${spec}`);
        }
      } else if (!allowedPackages.includes(spec.split('/')[0]!)) {
        bad.push(`${file.path} imports package ${spec}`);
      }
    }
  }
  return bad;
}

/** Imports of `files` that resolve into `dir`. */
function reaching(files: SourceFile[], dir: string): string[] {
  const bad: string[] = [];
  for (const file of files) {
    for (const spec of importsOf(file.source)) {
      if (!spec.startsWith('.')) continue;
      const target = relative(root, resolve(root, dirname(file.path), spec));
      if (target === dir || target.startsWith(`${dir}/`)) bad.push(`${file.path} imports ${spec}`);
    }
  }
  return bad;
}

/** For each file, the files of the set it imports (relative specifiers; others are packages). */
function importGraph(files: SourceFile[]): Map<string, string[]> {
  const known = new Set(files.map((f) => f.path));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = importsOf(file.source)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => relative(root, resolve(root, dirname(file.path), spec)))
      .filter((t) => known.has(t));
    graph.set(file.path, [...new Set(targets)]);
  }
  return graph;
}

/**
 * Every import cycle, one per strongly connected component (Tarjan), each
 * shown as a path from its first file (in sorted order) back to that file.
 */
function importCycles(graph: Map<string, string[]>): string[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || graph.get(v)?.includes(v)) components.push(component);
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return components.map((c) => cyclePath(graph, new Set(c))).sort();
}

/** A shortest path from the component's first file back to itself, inside the component. */
function cyclePath(graph: Map<string, string[]>, component: Set<string>): string {
  const start = [...component].sort()[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    for (const w of graph.get(v) ?? []) {
      if (!component.has(w)) continue;
      if (w === start) {
        const between: string[] = [];
        for (let u = v; u !== start; u = previous.get(u)!) between.unshift(u);
        return [start, ...between, start].join(' → ');
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [...component].sort().join(' ↔ '); // not reached: a component holds a cycle through each member
}

function filesUnder(dir: string): SourceFile[] {
  return sourceFiles(join(root, dir)).map((p) => ({
    path: relative(root, p),
    source: readFileSync(p, 'utf8'),
  }));
}

describe('architecture', () => {
  it('finds imports of every form', () => {
    const src = `import a from './a.ts';\nimport { b } from "../b.ts";\nexport * from './c.ts';\nconst d = await import('./d.ts');\nimport './e.ts';`;
    expect(importsOf(src)).toEqual(['./a.ts', '../b.ts', './c.ts', './d.ts', './e.ts']);
  });

  it('sim/ imports only sim/ and src/core/ (and h5wasm, for NIR files, in sim/io/nir/hdf5.ts)', () => {
    const bad = violations(filesUnder('sim'), ['sim', 'src/core']);
    expect(
      bad.filter((v) => !(v.startsWith('sim/io/nir/hdf5.ts') && v.endsWith('package h5wasm'))),
    ).toEqual([]);
  });

  it('src/core/ imports nothing outside itself but zod', () => {
    const bad = violations(filesUnder('src/core'), ['src/core']);
    expect(bad.filter((v) => !v.endsWith('package zod'))).toEqual([]);
  });

  it('src/ann/ (the rate engine) imports only itself and src/core/', () => {
    expect(violations(filesUnder('src/ann'), ['src/ann', 'src/core'])).toEqual([]);
  });

  it('src/data/ parsers import only src/data/ and src/core/; file access stays in src/data/node/', () => {
    const parsers = filesUnder('src/data').filter((f) => !f.path.startsWith('src/data/node/'));
    expect(violations(parsers, ['src/data', 'src/core'])).toEqual([]);
  });

  it('sim/neurons, sim/engine, sim/network and sim/wasm import nothing from sim/hardware', () => {
    const below = ['sim/neurons', 'sim/engine', 'sim/network', 'sim/wasm'].flatMap(filesUnder);
    expect(below.length).toBeGreaterThan(0);
    expect(reaching(below, 'sim/hardware')).toEqual([]);
  });

  it('no import cycle among the project’s sources (src, sim, web)', () => {
    const files = ['src', 'sim', 'web'].flatMap(filesUnder);
    expect(importCycles(importGraph(files))).toEqual([]);
  });

  it('reports an import cycle as a path, and a file importing the hardware layer from below it', () => {
    const files = [
      { path: 'sim/hardware/a.ts', source: "import { b } from './b.ts';" },
      { path: 'sim/hardware/b.ts', source: "import type { C } from './c/c.ts';" },
      { path: 'sim/hardware/c/c.ts', source: "export { a } from '../a.ts';" },
      { path: 'sim/hardware/d.ts', source: "import { a } from './a.ts';" },
      { path: 'sim/neurons/e.ts', source: "import { d } from '../hardware/d.ts';" },
      { path: 'sim/engine/f.ts', source: "const f = await import('./f.ts');" },
    ];
    expect(importCycles(importGraph(files))).toEqual([
      'sim/engine/f.ts → sim/engine/f.ts',
      'sim/hardware/a.ts → sim/hardware/b.ts → sim/hardware/c/c.ts → sim/hardware/a.ts',
    ]);
    expect(reaching(files, 'sim/hardware')).toEqual([
      'sim/hardware/a.ts imports ./b.ts',
      'sim/hardware/b.ts imports ./c/c.ts',
      'sim/hardware/c/c.ts imports ../a.ts',
      'sim/hardware/d.ts imports ./a.ts',
      'sim/neurons/e.ts imports ../hardware/d.ts',
    ]);
  });

  it('reports a file under sim/ that reaches into the rate engine or a package', () => {
    const files = [
      {
        path: 'sim/engine/x.ts',
        source:
          "import { t } from '../../src/ann/tensor.ts';\nimport { r } from '../../src/core/rng.ts';",
      },
      {
        path: 'sim/engine/y.ts',
        source: "import fs from 'node:fs';\nimport { q } from '../network/csr.ts';",
      },
    ];
    expect(violations(files, ['sim', 'src/core'])).toEqual([
      'sim/engine/x.ts imports ../../src/ann/tensor.ts',
      'sim/engine/y.ts imports package node:fs',
    ]);
  });
});
