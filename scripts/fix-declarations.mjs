// tsc rewrites `./x.ts` to `./x.js` in the emitted JavaScript
// (rewriteRelativeImportExtensions) but leaves the declaration files' import
// specifiers as written; a consumer's compiler then looks for .ts files that
// the package does not ship under dist/. This pass rewrites the relative
// specifiers of every dist/**/*.d.ts to the .js files next to them.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../dist/', import.meta.url).pathname;
const specifier = /((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]+?)\.ts(['"])/g;
let files = 0;
for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue;
  const path = join(entry.parentPath, entry.name);
  const text = readFileSync(path, 'utf8');
  const fixed = text.replace(specifier, '$1$2.js$3');
  if (fixed !== text) {
    writeFileSync(path, fixed);
    files++;
  }
}
console.error(`declarations: relative .ts specifiers rewritten to .js in ${files} files`);
