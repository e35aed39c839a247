/**
 * Where conversion loses accuracy, layer by layer: each spiking layer's rate
 * times its scale λ is the activation it stands for, so laid beside the rate
 * network's activation for the same sample it shows which layer drifts —
 * low correlation, a biased mean, or many activations above λ (clipped at
 * one spike per tick). Accumulated sample by sample from spike counts.
 */
import type { Network } from '../../../sim/network/network.ts';
import type { SpikingClassifier } from '../convert/spiking-classifier.ts';
import type { LayerDiagnostics } from '../report/schema.ts';

interface Sums {
  a: number;
  r: number;
  aa: number;
  rr: number;
  ar: number;
  abs: number;
  clipped: number;
  pairs: number;
}

export class LayerComparison {
  private readonly sums: Sums[];
  private readonly offsets: number[];

  /**
   * @param ann the rate network's activations of each of the classifier's layers for the same samples (n × size)
   */
  constructor(
    private readonly classifier: SpikingClassifier,
    net: Network,
    private readonly ann: readonly Float32Array[],
    private readonly timesteps: number,
  ) {
    this.offsets = classifier.layers.map(
      (label) => net.populations.find((p) => p.label === label)!.offset,
    );
    this.sums = classifier.layers.map(() => ({
      a: 0,
      r: 0,
      aa: 0,
      rr: 0,
      ar: 0,
      abs: 0,
      clipped: 0,
      pairs: 0,
    }));
  }

  /** Spike counts of every neuron (global ids) in sample s. */
  add(s: number, counts: Int32Array): void {
    this.classifier.layers.forEach((_, l) => {
      const size = this.classifier.layerSizes[l]!;
      const lambda = this.classifier.rateScale[l]!;
      const off = this.offsets[l]!;
      const act = this.ann[l]!;
      const sum = this.sums[l]!;
      for (let j = 0; j < size; j++) {
        const a = Math.max(0, act[s * size + j]!);
        const r = (counts[off + j]! / this.timesteps) * lambda;
        sum.a += a;
        sum.r += r;
        sum.aa += a * a;
        sum.rr += r * r;
        sum.ar += a * r;
        sum.abs += Math.abs(a - r);
        if (a > lambda) sum.clipped++;
      }
      sum.pairs += size;
    });
  }

  result(): LayerDiagnostics[] {
    return this.classifier.layers.map((layer, l) => {
      const s = this.sums[l]!;
      const m = Math.max(1, s.pairs);
      const va = s.aa / m - (s.a / m) ** 2;
      const vr = s.rr / m - (s.r / m) ** 2;
      const cov = s.ar / m - (s.a / m) * (s.r / m);
      const corr = va > 1e-12 && vr > 1e-12 ? cov / Math.sqrt(va * vr) : null;
      return {
        layer,
        neurons: this.classifier.layerSizes[l]!,
        lambda: this.classifier.rateScale[l]!,
        annMean: s.a / m,
        snnMean: s.r / m,
        correlation: corr === null ? null : Math.max(-1, Math.min(1, corr)),
        meanAbsError: s.abs / m,
        clipped: s.clipped / m,
      };
    });
  }
}
