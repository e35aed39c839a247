/** Which backend runs a simulator's ticks: WebAssembly when asked for or when 'auto' finds SIMD support. */
import { invalid, SpikelabError } from '../../src/core/errors.ts';
import { DEFAULT_MEMORY_BUDGET_BYTES } from '../../src/core/memory.ts';
import { wasmSimdSupported } from '../../src/core/wasm.ts';
import type { Network, Projection } from '../network/network.ts';
import { createWasmBackend } from '../wasm/backend.ts';
import type { ArenaAllocator } from './arena.ts';
import { type Backend, jsBackend } from './backend.ts';
import type { SimulatorOptions } from './simulator-options.ts';

/** The backend for `opts`: WebAssembly when asked for or when 'auto' finds SIMD support. */
export function chooseBackend(
  net: Network,
  delivered: Projection[],
  arenaBytes: number,
  opts: SimulatorOptions,
): Backend & { allocate?: ArenaAllocator } {
  const want = opts.backend ?? 'auto';
  if (want === 'js') return jsBackend;
  if (want === 'auto' && (opts.allocate || !wasmSimdSupported())) return jsBackend;
  if (want !== 'auto' && want !== 'wasm') throw invalid('backend', want, 'auto, wasm or js');
  if (opts.allocate) {
    throw invalid(
      'allocate',
      'a function',
      'nothing with backend wasm (it places the state in its own memory)',
    );
  }
  if (!wasmSimdSupported()) {
    throw new SpikelabError(
      'NOT_APPLICABLE',
      'backend: got wasm; this runtime lacks WebAssembly SIMD; allowed: js or auto',
    );
  }
  const wasm = createWasmBackend(net, delivered, arenaBytes, {
    move: opts.moveConnectivity ?? false,
    required: want === 'wasm',
    budgetBytes: opts.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET_BYTES,
  });
  return wasm ?? jsBackend;
}
