/**
 * The rate network's workload on the test set, per sample, in NeuroBench's
 * terms (Yik et al. 2025): MACs where a layer's input is non-binary, ACs
 * where it is binary (all values in {−1, 0, 1}, NeuroBench's test), each
 * counted as (non-zero input) × (non-zero weight) pairs, biases not
 * counted; `Dense` counts every connection. The same pass counts the memory
 * traffic the energy tables price: one weight read per operation, one read
 * per non-zero input and one write per output.
 */
import type { DenseLayer } from '../convert/dense-stack.ts';

export interface RateOperations {
  macs: number;
  acs: number;
  weightReads: number;
  activationReads: number;
  activationWrites: number;
}

export interface AnnNeurobench {
  Footprint: number;
  ConnectionSparsity: number;
  ActivationSparsity: number;
  SynapticOperations: { Effective_MACs: number; Effective_ACs: number; Dense: number };
  ClassificationAccuracy: number | null;
}

/** Non-zero weights in each row (presynaptic unit) of each layer. */
function rowNonZeros(d: DenseLayer): Int32Array {
  const nz = new Int32Array(d.inputs);
  for (let i = 0; i < d.inputs; i++) {
    let c = 0;
    for (let j = 0; j < d.outputs; j++) if (d.weights[i * d.outputs + j] !== 0) c++;
    nz[i] = c;
  }
  return nz;
}

/**
 * @param activations per layer, the input first (n × width each), from `allActivations`
 */
export function annWorkload(
  stack: readonly DenseLayer[],
  activations: readonly Float32Array[],
  n: number,
  accuracy: number | null,
): { neurobench: AnnNeurobench; operations: RateOperations } {
  const ops: RateOperations = {
    macs: 0,
    acs: 0,
    weightReads: 0,
    activationReads: 0,
    activationWrites: 0,
  };
  let dense = 0;
  let weights = 0;
  let zeroWeights = 0;
  let params = 0;
  stack.forEach((d, l) => {
    const nz = rowNonZeros(d);
    for (const c of nz) zeroWeights += d.outputs - c;
    weights += d.inputs * d.outputs;
    params += d.inputs * d.outputs + d.outputs;
    dense += d.inputs * d.outputs * n;
    const x = activations[l]!;
    for (let s = 0; s < n; s++) {
      let binary = true;
      let effective = 0;
      let reads = 0;
      for (let i = 0; i < d.inputs; i++) {
        const v = x[s * d.inputs + i]!;
        if (v === 0) continue;
        if (v !== 1 && v !== -1) binary = false;
        effective += nz[i]!;
        reads++;
      }
      if (binary) ops.acs += effective;
      else ops.macs += effective;
      ops.weightReads += effective;
      ops.activationReads += reads;
      ops.activationWrites += d.outputs;
    }
  });
  // activation layers: the hidden layers (the output layer is linear)
  let outputs = 0;
  let zeros = 0;
  for (let l = 1; l < stack.length; l++) {
    const a = activations[l]!;
    const m = n * stack[l - 1]!.outputs;
    outputs += m;
    for (let i = 0; i < m; i++) if (a[i] === 0) zeros++;
  }
  const per = (v: number) => (n > 0 ? v / n : 0);
  return {
    neurobench: {
      Footprint: 4 * params,
      ConnectionSparsity: weights > 0 ? zeroWeights / weights : 0,
      ActivationSparsity: outputs > 0 ? zeros / outputs : 0,
      SynapticOperations: {
        Effective_MACs: per(ops.macs),
        Effective_ACs: per(ops.acs),
        Dense: per(dense),
      },
      ClassificationAccuracy: accuracy,
    },
    operations: {
      macs: per(ops.macs),
      acs: per(ops.acs),
      weightReads: per(ops.weightReads),
      activationReads: per(ops.activationReads),
      activationWrites: per(ops.activationWrites),
    },
  };
}
