/**
 * The neuron-kernel template carries placeholder memarg offsets (5-byte LEB128
 * numbers 0x3f000000 + 16k) that are overwritten per population layout. If an
 * edit of neurons.wat lost a placeholder, or the assembler encoded one
 * differently, the kernels would read the wrong arrays: these tests say so
 * first. (Whether the kernels then compute the right thing is backend.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { wasmBase64 } from '../../../sim/wasm/neurons.wasm.gen.ts';
import { LAYOUT_SLOTS, neuronKernels, specialiseBytes } from '../../../sim/wasm/specialise.ts';
import { decodeBase64 } from '../../../src/core/wasm.ts';

const template = decodeBase64(wasmBase64);

/** Occurrences of the 5-byte LEB128 encoding of x in bytes. */
function occurrences(bytes: Uint8Array, x: number): number {
  const enc = [0, 7, 14, 21].map((s) => 0x80 | ((x >>> s) & 0x7f)).concat((x >>> 28) & 0x0f);
  let n = 0;
  for (let i = 0; i + 5 <= bytes.length; i++) if (enc.every((b, k) => bytes[i + k] === b)) n++;
  return n;
}

describe('neuron kernel template', () => {
  it('holds every placeholder: v and refractory 8 times (loaded and stored by 4 loops), iE, iI and iOffset 4, the inhibitory slot 2', () => {
    // loops: IF_curr_exp with input slots and with direct input, IF_curr_delta, IF_nonleaky
    const expected = [8, 4, 4, 8, 4, 2];
    expect(expected.length).toBe(LAYOUT_SLOTS);
    expected.forEach((n, k) => {
      expect(occurrences(template, 0x3f000000 + 16 * k), `placeholder ${k}`).toBe(n);
    });
  });

  it('specialising replaces every placeholder by the layout, padded to the same length: a valid module', () => {
    const layout = [0, 16_016, 32_032, 48_048, 64_064, 200_000];
    const bytes = specialiseBytes(template, layout);
    expect(bytes.length).toBe(template.length);
    for (let k = 0; k < LAYOUT_SLOTS; k++) {
      expect(occurrences(bytes, 0x3f000000 + 16 * k)).toBe(0);
      expect(occurrences(bytes, layout[k]!)).toBe(occurrences(template, 0x3f000000 + 16 * k));
    }
    expect(WebAssembly.validate(bytes as Uint8Array<ArrayBuffer>)).toBe(true);
    expect(neuronKernels(layout)).toBeInstanceOf(WebAssembly.Module);
  });

  it('refuses offsets that are not unsigned 32-bit integers', () => {
    expect(() => neuronKernels([0, -16, 0, 0, 0, 0])).toThrow(RangeError);
    expect(() => neuronKernels([0, 0, 0])).toThrow(RangeError);
  });
});
