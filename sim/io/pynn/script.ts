/**
 * A built network as a self-contained PyNN script that runs unchanged on
 * pyNN.nest, pyNN.brian2, pyNN.neuron and sPyNNaker:
 *
 *   python3 net.py <nest|brian2|neuron|spinnaker> [--duration ms] [--spikes FILE.csv]
 *
 * It takes the built network, not the spec, so per-neuron parameters, initial
 * potentials, spike-array inputs and listed synapses are the engine's own
 * values. Every note (approximations, redrawn realisations) is returned to the
 * caller and written into the script's docstring.
 */
import type { Network, NeuronPopulation, Population } from '../../network/network.ts';
import { type PynnCell, pynnCell } from './cells.ts';
import { type ConnectionMode, type PynnProjection, pynnProjections } from './projections.ts';
import { pyF4, pyKeywords, pyNumber, pyString, pyU4 } from './python.ts';
import { PYNN_HELPERS, PYNN_RUNNER } from './runner.ts';

/** Repeated runs with one parameter of one population set before each (a classifier's test samples). */
export interface PynnTrials {
  population: string;
  parameter: 'i_offset' | 'rate';
  values: readonly Float32Array[];
  /** Population whose spike counts (ties: final v) give each trial's class. */
  readout: string;
  /** The class the engine gives each trial, printed beside PyNN's. */
  spikelab: readonly number[];
}

export interface PynnScriptOptions {
  /** Default of the script's --duration (ms; per trial with trials). */
  durationMs: number;
  connections?: ConnectionMode;
  /** Labels of the populations whose spikes are recorded (default all). */
  record?: readonly string[];
  trials?: PynnTrials;
  /** Notes of the caller's own (how the network was prepared), written first. */
  notes?: readonly string[];
  /** One line saying what the network is, first line of the docstring. */
  title?: string;
}

export interface PynnScript {
  text: string;
  /** What the script does not reproduce exactly, one sentence each. */
  notes: string[];
}

const BACKENDS = `BACKENDS = {
    "nest": "pyNN.nest",
    "brian2": "pyNN.brian2",
    "neuron": "pyNN.neuron",
    "spinnaker": "pyNN.spiNNaker",
}`;

function neuronLines(pop: NeuronPopulation, cell: PynnCell, ref: string): string[] {
  const lines = [
    `    ${ref} = sim.Population(${pop.size}, sim.${cell.type}(${pyKeywords(cell.params)}), label=${pyString(pop.label)})`,
    `    ${ref}.initialize(${pyKeywords(cell.initial)})`,
  ];
  return lines;
}

function sourceLines(pop: Population, net: Network, ref: string): string[] {
  if (pop.kind === 'poisson') {
    const rates = pop.rates.every((r) => r === pop.rates[0])
      ? pyNumber(pop.rates[0]!)
      : pyF4(pop.rates);
    const start = pyNumber(pop.startTick * net.dt);
    const duration = pyNumber((pop.endTick - pop.startTick) * net.dt);
    return [
      `    ${ref} = sim.Population(${pop.size}, sim.SpikeSourcePoisson(rate=${rates}, start=${start}, duration=${duration}), label=${pyString(pop.label)})`,
    ];
  }
  if (pop.kind === 'array') {
    return [
      `    ${ref} = sim.Population(${pop.size}, sim.SpikeSourceArray(spike_times=spike_times(${pop.size}, ${pyU4(pop.ticks)}, ${pyU4(pop.ids)})), label=${pyString(pop.label)})`,
    ];
  }
  return [];
}

function connectorText(p: PynnProjection, seed: number): string {
  const c = p.connector;
  const self = (allow: boolean) => `allow_self_connections=${allow ? 'True' : 'False'}`;
  const rng = `rng=NumpyRNG(seed=${seed})`;
  switch (c.kind) {
    case 'AllToAllConnector':
      return `sim.AllToAllConnector(${self(c.allowSelf)})`;
    case 'OneToOneConnector':
      return 'sim.OneToOneConnector()';
    case 'FixedProbabilityConnector':
      return `sim.FixedProbabilityConnector(${pyNumber(c.p)}, ${self(c.allowSelf)}, ${rng})`;
    case 'FixedNumberPreConnector':
      return `sim.FixedNumberPreConnector(${c.n}, ${self(c.allowSelf)}, with_replacement=${c.withReplacement ? 'True' : 'False'}, ${rng})`;
    case 'FromListConnector':
      return `sim.FromListConnector(connections(${pyU4(c.pre)}, ${pyU4(c.post)}, ${pyF4(c.weights)}, ${pyU4(c.delayTicks)}), column_names=["weight", "delay"])`;
  }
}

function projectionLine(p: PynnProjection, seed: number, refs: Map<string, string>): string {
  const synapse =
    p.connector.kind === 'FromListConnector'
      ? 'sim.StaticSynapse()'
      : `sim.StaticSynapse(weight=${pyNumber(p.weight)}, delay=${p.delayTicks} * DT)`;
  return `    sim.Projection(${refs.get(p.pre)}, ${refs.get(p.post)}, ${connectorText(p, seed)}, ${synapse}, receptor_type=${pyString(p.receptor)}, label=${pyString(p.label)})`;
}

export function pynnScript(net: Network, o: PynnScriptOptions): PynnScript {
  const notes: string[] = [...(o.notes ?? [])];
  const body: string[] = ['    pops = {}'];
  const refs = new Map<string, string>();
  const cells = new Map<number, PynnCell>();
  let minDelay = Number.POSITIVE_INFINITY;
  net.populations.forEach((pop, i) => {
    const ref = `pops[${pyString(pop.label)}]`;
    refs.set(pop.label, ref);
    if (pop.kind !== 'neuron') {
      body.push(...sourceLines(pop, net, ref));
      return;
    }
    const cell = pynnCell(pop, `populations.${i}`);
    cells.set(i, cell);
    if (cell.approximation) notes.push(cell.approximation);
    body.push(...neuronLines(pop, cell, ref));
  });
  const projections = net.projections.flatMap((p, k) =>
    pynnProjections(net, k, cells.get(p.post)!, o.connections ?? 'pynn'),
  );
  projections.forEach((p, k) => {
    body.push(projectionLine(p, net.seed * 1000 + k + 1, refs));
    const random =
      p.connector.kind === 'FixedProbabilityConnector' ||
      p.connector.kind === 'FixedNumberPreConnector';
    if (random) {
      notes.push(
        `${p.label}: PyNN's ${p.connector.kind} draws its own synapses (same statistics, not the same realisation; --connections realised lists the engine's)`,
      );
    }
    if (p.connector.kind !== 'FromListConnector') {
      minDelay = Math.min(minDelay, p.delayTicks);
    } else {
      for (const d of p.connector.delayTicks) minDelay = Math.min(minDelay, d);
    }
  });
  if (net.populations.some((p) => p.kind === 'neuron' && p.poissonInput.length > 0)) minDelay = 1;
  const record = o.record ?? net.populations.map((p) => p.label);
  const docNotes = notes.length ? `\nNot exact:\n${notes.map((n) => `- ${n}`).join('\n')}\n` : '';
  const text = `#!/usr/bin/env python3
"""${o.title ?? 'A network'} exported by spikelab for PyNN.

Runs unchanged on PyNN 0.10 and >= 0.11 (pyNN.nest, pyNN.brian2, pyNN.neuron,
sPyNNaker):

    python3 ${'net.py'} <nest|brian2|neuron|spinnaker> [--duration MS] [--spikes FILE.csv]

NEST runs it on a cluster with MPI, one process per rank:

    mpirun -np N python3 net.py nest

--spikes writes time_ms,population,index (spikelab import-spikes reads it
back); the last line on stdout is one JSON object, spikes per population.
Units are PyNN's: mV, ms, nA, nF, uS.
${docNotes}"""
import argparse
import base64
import importlib
import json
import sys

import numpy as np
from pyNN.parameters import Sequence
from pyNN.random import NumpyRNG

${BACKENDS}
DT = ${pyNumber(net.dt)}  # ms
MIN_DELAY = ${Number.isFinite(minDelay) ? `${minDelay} * DT` : 'DT'}
DURATION = ${pyNumber(o.durationMs)}  # ms
RECORD = ${JSON.stringify(record)}
TRIALS = ${o.trials ? trialsLiteral(o.trials) : 'None'}


${PYNN_HELPERS}

def build(sim):
    """Populations, their inputs and the projections; the populations by label."""
${body.join('\n')}
${stepAndPoissonLines(net, cells, refs).join('\n')}
    return pops


${PYNN_RUNNER}`;
  return { text, notes };
}

function trialsLiteral(t: PynnTrials): string {
  const values = t.values.map((v) => `        ${pyF4(v).slice(3, -1)},`).join('\n');
  return `{
    "population": ${pyString(t.population)},
    "parameter": ${pyString(t.parameter)},
    "readout": ${pyString(t.readout)},
    "spikelab": ${JSON.stringify(t.spikelab)},
    "values": [
${values}
    ],
}`;
}

/** Step currents and Poisson drives of neuron populations: sources injected or projected one to one. */
function stepAndPoissonLines(
  net: Network,
  cells: Map<number, PynnCell>,
  refs: Map<string, string>,
): string[] {
  const lines: string[] = [];
  net.populations.forEach((pop, i) => {
    if (pop.kind !== 'neuron') return;
    const ref = refs.get(pop.label)!;
    const spec = net.spec.populations[i]!;
    const steps = 'stepCurrents' in spec ? (spec.stepCurrents ?? []) : [];
    for (const s of steps) {
      const times = Array.from(s.times, (t) => pyNumber(Math.round(t / net.dt) * net.dt));
      const amps = Array.from(s.amplitudes, (a) => pyNumber(a));
      const target = s.neurons ? `${ref}[${JSON.stringify(Array.from(s.neurons))}]` : ref;
      lines.push(
        `    sim.StepCurrentSource(times=[${times.join(', ')}], amplitudes=[${amps.join(', ')}]).inject_into(${target})`,
      );
    }
    pop.poissonInput.forEach((drive, k) => {
      const cell = cells.get(i)!;
      const receptor =
        cell.type === 'IF_cond_exp'
          ? drive.receptor
          : drive.weight < 0
            ? 'inhibitory'
            : 'excitatory';
      lines.push(
        `    drive = sim.Population(${pop.size}, sim.SpikeSourcePoisson(rate=${pyNumber(drive.rateHz)}), label=${pyString(`${pop.label} Poisson ${k}`)})`,
        `    sim.Projection(drive, ${ref}, sim.OneToOneConnector(), sim.StaticSynapse(weight=${pyNumber(drive.weight)}, delay=DT), receptor_type=${pyString(receptor)})`,
      );
    });
  });
  return lines;
}
