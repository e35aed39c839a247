/** Regenerates every `<name>.wasm.gen.ts` from its `<name>.wat` (run: `npm run wasm`). */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { assembleWat, generatedModule, generatedPath, watFiles } from './wasm-assemble.ts';

const root = resolve(import.meta.dirname, '..');
for (const wat of watFiles(root)) {
  const bytes = await assembleWat(wat, readFileSync(resolve(root, wat), 'utf8'));
  writeFileSync(resolve(root, generatedPath(wat)), generatedModule(basename(wat), bytes));
  console.log(`${wat} → ${generatedPath(wat)} (${bytes.length} bytes)`);
}
