/**
 * Specialising the neuron-kernel template (neurons.wat) to one population's
 * memory layout: its memarg offsets 0x3f000000 + 16k are placeholders that
 * the assembler encodes as 5-byte LEB128 numbers; each is overwritten by the
 * population's real offset, padded to the same 5 bytes (WebAssembly accepts
 * padded LEB128), so the module stays valid and the kernel addresses every
 * array by a constant offset from one register. One compiled module per
 * distinct layout is cached, which also keeps the optimised code across
 * simulators of the same network.
 */
import { compileWasm, decodeBase64 } from '../../src/core/wasm.ts';
import { wasmBase64 } from './neurons.wasm.gen.ts';

/** Placeholder k stands for layout[k]: v, iE, iI, refractory, iOffset (from the state base), inhibitory slot (from the excitatory one). */
const PLACEHOLDER = 0x3f000000;
export const LAYOUT_SLOTS = 6;

function leb128x5(x: number): number[] {
  return [
    0x80 | (x & 0x7f),
    0x80 | ((x >>> 7) & 0x7f),
    0x80 | ((x >>> 14) & 0x7f),
    0x80 | ((x >>> 21) & 0x7f),
    (x >>> 28) & 0x0f,
  ];
}

let template: Uint8Array | null = null;
const cache = new Map<string, WebAssembly.Module>();
const CACHE_LIMIT = 64;

/** The template's bytes with placeholder k replaced by layout[k] (byte offsets < 2^32) everywhere. */
export function specialiseBytes(bytes: Uint8Array, layout: readonly number[]): Uint8Array {
  const out = bytes.slice();
  for (let k = 0; k < layout.length; k++) {
    const from = leb128x5(PLACEHOLDER + 16 * k);
    const to = leb128x5(layout[k]!);
    for (let i = 0; i + 5 <= out.length; i++) {
      if (
        out[i] === from[0] &&
        out[i + 1] === from[1] &&
        out[i + 2] === from[2] &&
        out[i + 3] === from[3] &&
        out[i + 4] === from[4]
      ) {
        out.set(to, i);
        i += 4;
      }
    }
  }
  return out;
}

/** The neuron kernels compiled for `layout` (LAYOUT_SLOTS byte offsets; unused ones 0). */
export function neuronKernels(layout: readonly number[]): WebAssembly.Module {
  if (
    layout.length !== LAYOUT_SLOTS ||
    !layout.every((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32)
  ) {
    throw new RangeError(`neuron kernel layout: ${layout.join(', ')}`);
  }
  const key = layout.join(',');
  let mod = cache.get(key);
  if (!mod) {
    template ??= decodeBase64(wasmBase64);
    mod = compileWasm(specialiseBytes(template, layout), 'neuron kernels');
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, mod);
  }
  return mod;
}
