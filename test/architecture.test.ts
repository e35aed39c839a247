/**
 * The spiking engine (sim/) must stand alone: it may import only from sim/,
 * src/core/ and a short list of packages. The browser worker relies on it, and
 * the comparison is only fair if neither engine borrows from the other.
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

  it('sim/ imports only sim/ and src/core/', () => {
    expect(violations(filesUnder('sim'), ['sim', 'src/core'])).toEqual([]);
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
