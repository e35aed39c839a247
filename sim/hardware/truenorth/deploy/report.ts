/**
 * What a TrueNorth deployment changed, as plain JSON (map --json, the
 * comparison report) and one line per kind of change (tables).
 */

import type { Network } from '../../../network/network.ts';
import type { BuiltDeployment } from './build.ts';
import type { LayerPlan, LayerStats } from './layer.ts';

export interface DeploymentLayerReport extends LayerStats {
  readonly layer: string;
  readonly fanIn: number;
  readonly neurons: number;
  /** K: axon copies per input, bits per weight (two's complement). */
  readonly weightBits: number;
  /** Input groups; > 1: each neuron split into that many partial pairs and a merge neuron. */
  readonly groups: number;
  readonly split: boolean;
  readonly partialNeurons: number;
  /** Cores of the layer's own neurons and partials (splitters feeding it not included). */
  readonly cores: number;
  /** Ticks by which the layer's spikes follow the original network's. */
  readonly latencyTicks: number;
}

export interface DeploymentReport {
  readonly scheme: string;
  /** Neurons of the original network (spike sources excluded) and of the deployment, by role. */
  readonly neurons: {
    readonly original: number;
    readonly deployed: number;
    readonly splitters: number;
    readonly partials: number;
    readonly layers: number;
    readonly inputs: number;
  };
  readonly cores: {
    readonly total: number;
    readonly inputs: number;
    readonly splitters: number;
    readonly partials: number;
    readonly layers: number;
  };
  /** Synapses of the original network and crossbar bits set in the deployment. */
  readonly synapses: { readonly original: number; readonly crossbar: number };
  /** Ticks added before the last layer's spikes (its own latency). */
  readonly latencyTicks: number;
  /** Some input is a current, set each sample as its neurons' leak (the chip's input cores reprogrammed between samples). */
  readonly perSampleLeaks: boolean;
  readonly layers: readonly DeploymentLayerReport[];
  readonly changes: readonly string[];
}

export const DEPLOYMENT_SCHEME =
  'per-synapse weights from axon copies with two’s-complement type weights; fan-in above one core split into mirror pairs of partial-sum neurons and a merge neuron; biases and input currents as leaks';

const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
const g3 = (x: number) => (x === 0 ? '0' : x.toPrecision(3));

function layerLine(l: DeploymentLayerReport): string {
  const how = l.split
    ? `split into ${l.groups} input groups (${l.partialNeurons} partial-sum neurons; a partial spike carries ${g3(l.partialQuantum.mean)} thresholds on average, merge ratio error ≤ ${g3(l.mergeRatioError)})`
    : 'one core’s axons';
  return `${l.layer}: ${l.weightBits}-bit weights (${l.weightBits} axon copies per input), fan-in ${l.fanIn} on ${how}; ${l.cores} cores; weight error RMS ${g3(l.rmsError)} (${pct(l.relativeRmsError)} of RMS weight), max ${g3(l.maxAbsError)}${l.clipped > 0 ? `, ${l.clipped} clipped` : ''}; bias error ≤ ${g3(l.biasError)} mV/tick; +${l.latencyTicks} ticks`;
}

export function deploymentReport(
  net: Network,
  plans: readonly LayerPlan[],
  built: BuiltDeployment,
): DeploymentReport {
  const count = (role: string) =>
    built.populations.filter((p) => p.role === role).reduce((a, p) => a + p.size, 0);
  const cores = (role: string) =>
    built.populations.filter((p) => p.role === role).reduce((a, p) => a + p.coreCount, 0);
  let original = 0;
  let originalSynapses = 0;
  for (const p of net.populations) if (p.kind === 'neuron') original += p.size;
  for (const p of net.projections) originalSynapses += p.targets.length;
  const layers: DeploymentLayerReport[] = plans.map((p) => {
    const own = built.populations.filter(
      (d) => d.of === p.label && (d.role === 'partials' || d.role === 'layer'),
    );
    return {
      layer: p.label,
      fanIn: p.nPre,
      neurons: p.nPost,
      weightBits: p.code.bits,
      groups: p.groups,
      split: p.split,
      partialNeurons: p.split ? 2 * p.groups * p.nPost : 0,
      cores: own.reduce((a, d) => a + d.coreCount, 0),
      latencyTicks: p.latency,
      ...p.stats,
    };
  });
  const leakInputs = built.inputs.filter((x) => x.kind === 'leak');
  const spikeInputs = built.inputs.filter((x) => x.kind === 'spikes');
  let deployed = 0;
  for (const d of built.populations) {
    if (!(d.role === 'input' && spikeInputs.some((x) => x.label === d.label))) deployed += d.size;
  }
  let crossbar = 0;
  for (const pr of built.spec.projections) {
    const c = pr.connector;
    if (c.type === 'csr') crossbar += c.targets.length;
  }
  const last = plans[plans.length - 1];
  const report = {
    scheme: DEPLOYMENT_SCHEME,
    neurons: {
      original,
      deployed,
      splitters: count('splitters'),
      partials: count('partials'),
      layers: count('layer'),
      inputs: leakInputs.reduce(
        (a, x) => a + built.populations.find((d) => d.label === x.label)!.size,
        0,
      ),
    },
    cores: {
      total: built.cores,
      inputs: cores('input'),
      splitters: cores('splitters'),
      partials: cores('partials'),
      layers: cores('layer'),
    },
    synapses: { original: originalSynapses, crossbar },
    latencyTicks: Math.max(0, ...plans.map((p) => p.latency)),
    perSampleLeaks: leakInputs.length > 0,
    layers,
  };
  const changes = [
    `deployed: ${report.neurons.deployed} TrueNorth neurons for ${original} (${report.neurons.splitters} splitters, ${report.neurons.partials} partial-sum neurons) on ${built.cores} cores (${report.cores.splitters} relay cores); ${crossbar} crossbar bits for ${originalSynapses} synapses; output ${last ? last.latency : 0} ticks later`,
    ...layers.map(layerLine),
  ];
  if (report.perSampleLeaks) {
    changes.push(
      `input currents → leaks of ${report.neurons.inputs} input neurons, set for each sample (the input cores are reprogrammed between samples)`,
    );
  }
  return { ...report, changes };
}
