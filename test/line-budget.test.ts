/**
 * No source file passes 400 lines: a longer one holds more than one concept
 * and is split into modules named for what they hold. Source is TypeScript,
 * JavaScript, CSS and HTML under the folders below; tests, WebAssembly text
 * (.wat), data (JSON, CSV), Markdown and lock files are not counted.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const BUDGET = 400;
const folders = ['src', 'sim', 'web', 'bench', 'examples', 'scripts', 'bin'];
const source = /\.(ts|mts|js|mjs|css|html)$/;
const testFile = /\.test(-d)?\.[cm]?[jt]s$/;
const skipped = new Set(['node_modules', 'dist', '.artifacts']);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skipped.has(entry.name)) continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(p));
    else if (source.test(entry.name) && !testFile.test(entry.name)) out.push(p);
  }
  return out;
}

/** Lines of a text file: a final newline ends the last line, it does not start another. */
function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

describe(`line budget (${BUDGET} lines per source file)`, () => {
  it('counts lines as wc -l does, plus an unterminated last line', () => {
    expect([lineCount(''), lineCount('a\n'), lineCount('a\nb'), lineCount('a\n\nb\n')]).toEqual([
      0, 1, 2, 3,
    ]);
  });

  it(`no source file under ${folders.join(', ')} passes ${BUDGET} lines`, () => {
    const over = folders
      .flatMap((f) => sourceFiles(join(root, f)))
      .map((p) => ({ path: relative(root, p), lines: lineCount(readFileSync(p, 'utf8')) }))
      .filter((f) => f.lines > BUDGET)
      .map((f) => `${f.path}: ${f.lines} lines`);
    expect(over).toEqual([]);
  });
});
