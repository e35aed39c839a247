/** What a Simulator is built with, what each run takes and what it returns. */
import type { UpdateKernel } from '../neurons/types.ts';
import type { ArenaAllocator } from './arena.ts';
import type { BackendName, DeliverFn } from './backend.ts';
import type { Counts } from './counters.ts';
import type { SpikeListener } from './listener.ts';

export interface SimulatorOptions {
  listeners?: SpikeListener[];
  /** Refuse if the dynamic state (ring buffers included) would need more (default 4 GB). */
  memoryBudgetBytes?: number;
  /**
   * Kernels that run the ticks: 'wasm' (WebAssembly SIMD neuron updates and
   * delivery, in a WebAssembly memory of its own), 'js' (the TypeScript
   * kernels) or 'auto' (default): 'wasm' where the runtime supports
   * WebAssembly SIMD and no `allocate` is given, else 'js'. Both give
   * bit-identical spikes.
   */
  backend?: BackendName;
  /**
   * With the WebAssembly backend: move the network's connectivity into its
   * memory instead of copying it (the projections' CSR arrays become views of
   * that memory), so it is held once. The network must then not be
   * transferred to another thread. Default false.
   */
  moveConnectivity?: boolean;
  /** Provides the memory for all dynamic state (e.g. a region of a WebAssembly.Memory); TypeScript backend only. */
  allocate?: ArenaAllocator;
  /**
   * Replacement update kernels by model name; models not listed use the
   * backend's kernel (the TypeScript kernels stay the reference).
   */
  kernels?: Readonly<Record<string, UpdateKernel>>;
  /** Replacement delivery function for every projection, same contract as `deliver`. */
  deliver?: DeliverFn;
  /**
   * The global id of each population's first neuron as its projections'
   * rows count it (default: the population's offset). A thread's share of a
   * network (partition.ts) numbers its neurons' spikes globally but holds a
   * slice of each population, so the offsets of the whole network are given here.
   */
  preOffsets?: readonly number[];
}

export interface RunOptions {
  /** Called after each batch of ticks with the ticks done in this call and its total. */
  onProgress?: (done: number, total: number) => void;
  /** Checked between batches; true stops the run early (the state stays consistent). */
  shouldStop?: () => boolean;
  /** Ticks per batch between progress calls and stop checks (default: 10 ms of simulated time). */
  batchTicks?: number;
}

export interface RunResult {
  ticks: number;
  stopped: boolean;
  /** Counts of this call alone. */
  counts: Counts;
}
