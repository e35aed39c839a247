/**
 * Assembles WebAssembly text (.wat) into the generated TypeScript module that
 * ships its bytes. Shared by `npm run wasm` and the test that checks every
 * generated module is up to date with its source.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import wabtInit from 'wabt';

type Wabt = Awaited<ReturnType<typeof wabtInit>>;
let wabt: Promise<Wabt> | undefined;

/** Features beyond the MVP that the kernels use: 128-bit SIMD, bulk memory. */
const FEATURES = {
  simd: true,
  bulk_memory: true,
  sign_extension: true,
  sat_float_to_int: true,
  mutable_globals: true,
};

export async function assembleWat(fileName: string, text: string): Promise<Uint8Array> {
  wabt ??= wabtInit();
  const w = await wabt;
  const mod = w.parseWat(fileName, text, FEATURES);
  try {
    mod.validate();
    return new Uint8Array(mod.toBinary({ log: false, write_debug_names: false }).buffer);
  } finally {
    mod.destroy();
  }
}

/** The generated module's text for a given .wat file name and its bytes. */
export function generatedModule(watName: string, bytes: Uint8Array): string {
  const b64 = Buffer.from(bytes).toString('base64');
  const lines = b64.match(/.{1,96}/g) ?? [];
  return [
    `// Generated from ${watName} by scripts/build-wasm.ts: do not edit, run \`npm run wasm\`.`,
    `export const wasmBase64 =\n${lines.map((l) => `  '${l}'`).join(' +\n')};`,
    '',
  ].join('\n');
}

/** Every .wat file under the source folders, relative to `root`. */
export function watFiles(root: string, folders = ['src', 'sim']): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.wat')) out.push(relative(root, p));
    }
  };
  for (const f of folders) {
    try {
      walk(join(root, f));
    } catch {
      // folder absent
    }
  }
  return out.sort();
}

export function generatedPath(watPath: string): string {
  return watPath.replace(/\.wat$/, '.wasm.gen.ts');
}
