/**
 * Reports of versions 1 and 2 as version 3, without changing a figure they
 * hold: the two networks become the list's `ann` and `snn`, each energy
 * entry is split into the dynamic terms and the static term it charged, and
 * what version 2 did not record is left null and said in `notes`.
 *
 * Version 2 charged static power for whole chips over T ticks of 1 ms on
 * every chip (Loihi's own step time was not modelled) and none on the CPU
 * or accelerator. The upgraded entry keeps that time and that whole-chip
 * term, and pro-rates it to the cores the network occupied (the hardware
 * entry's cores, of its chips × the table's cores per chip), so that
 * `totalJoules` means what it means in version 3.
 */
import { energyTables } from '../../../sim/energy/index.ts';
import { wilsonInterval } from '../metrics/statistics.ts';
import type { HardwareEntry } from './parts.ts';
import type { CompareReport, EnergyEntry, NetworkEntry } from './schema.ts';
import type { CompareReportV2, EnergyEntryV2, SnnReportV2 } from './v2.ts';

function accuracyOf(value: number | null, samples: number): NetworkEntry['accuracy'] {
  if (value === null) return null;
  const correct = Math.round(value * samples);
  return { value, correct, samples, wilson95: wilsonInterval(correct, samples) };
}

function upgradeEnergy(
  e: EnergyEntryV2,
  timesteps: number,
  hardware: HardwareEntry | undefined,
): EnergyEntry {
  if (!e.mappable) return e;
  const { static: whole, ...dynamicParts } = e.breakdown;
  const table = energyTables[e.table];
  const chip = hardware?.mappable === true ? hardware : null;
  const dynamic = e.joulesPerInference - (whole ?? 0);
  if (chip === null || table === undefined) {
    // the rate network's devices: no static term and no time in version 2
    const unpriced = e.unpriced.includes('static') ? e.unpriced : [...e.unpriced, 'static'];
    return {
      mappable: true,
      dynamicJoules: dynamic,
      staticJoules: { usedCores: null, wholeChips: null },
      totalJoules: dynamic,
      secondsPerInference: null,
      energyDelayProduct: null,
      breakdown: dynamicParts,
      time: {
        model: 'unknown',
        ticks: null,
        lowerBound: true,
        note: 'version 2 modelled no time for this device',
      },
      staticPower: null,
      sources: { dynamic: e.source, static: 'not priced in version 2', time: 'none' },
      table: e.table,
      complete: false,
      unpriced,
    };
  }
  const seconds = timesteps * 1e-3;
  const perChip = table.coresPerChip.count;
  const used = whole === undefined ? null : (whole * chip.cores) / (chip.chips * perChip);
  const total = dynamic + (used ?? 0);
  return {
    mappable: true,
    dynamicJoules: dynamic,
    staticJoules: { usedCores: used, wholeChips: whole ?? null },
    totalJoules: total,
    secondsPerInference: seconds,
    energyDelayProduct: total * seconds,
    breakdown: dynamicParts,
    time: {
      model: 'fixed-tick',
      ticks: timesteps,
      lowerBound: false,
      note: 'as version 2 charged it: T ticks of 1 ms on every chip',
    },
    staticPower:
      whole === undefined
        ? null
        : {
            wattsPerChip: whole / (chip.chips * seconds),
            chips: chip.chips,
            cores: chip.cores,
            coresPerChip: perChip,
          },
    sources: { dynamic: e.source, static: e.source, time: 'version 2: 1 ms per tick' },
    table: e.table,
    complete: e.complete,
    unpriced: [...e.unpriced],
  };
}

function annEntry(r: CompareReportV2): NetworkEntry {
  const a = r.ann;
  const energy: Record<string, EnergyEntry> = {};
  for (const [p, e] of Object.entries(a.energy))
    energy[p] = upgradeEnergy(e, r.settings.timesteps, undefined);
  return {
    id: 'ann',
    label: 'rate network (ANN)',
    paradigm: 'rate',
    origin: 'training',
    description: `${a.network.layers.join('-')} ${a.network.activation}${a.network.dropout ? `, dropout ${a.network.dropout}` : ''}`,
    accuracy: accuracyOf(a.accuracy, r.settings.testSamples),
    loss: a.loss,
    accuracyByTick: null,
    latency: { kind: 'forward-pass' },
    neurobench: { ...a.neurobench, MembraneUpdates: null },
    energy,
    predictions: null,
    layers: null,
    rate: { network: a.network, training: a.training, operations: a.operations },
  };
}

function snnEntry(r: CompareReportV2, s: SnnReportV2): NetworkEntry {
  const energy: Record<string, EnergyEntry> = {};
  for (const [p, e] of Object.entries(s.energy))
    energy[p] = upgradeEnergy(e, s.timesteps, s.hardware[p]);
  const sizes = s.network.populations.map((p) => p.neurons).join('-');
  return {
    id: 'snn',
    label: 'spiking network (SNN)',
    paradigm: 'spiking',
    origin: s.origin,
    description: `${sizes} IF (non-leaky, reset by subtraction), ${s.encoding.kind} input, p${s.conversion.percentile} normalisation`,
    accuracy: accuracyOf(s.accuracy, r.settings.testSamples),
    loss: null,
    accuracyByTick: s.accuracyByTick,
    latency: { kind: 'ticks', timesteps: s.timesteps, ...s.latencyTicks },
    neurobench: s.neurobench,
    energy,
    predictions: null,
    layers: s.layers,
    spiking: {
      conversion: s.conversion,
      encoding: s.encoding,
      readout: s.readout,
      network: s.network,
      timesteps: s.timesteps,
      agreementWithAnn: s.agreementWithAnn,
      counts: s.counts,
      checks: s.checks,
      hardware: s.hardware,
      ...(s.spikingNetwork ? { spikingNetwork: s.spikingNetwork } : {}),
    },
  };
}

/** A version 1 or 2 report (already checked against its schema) as version 3. */
export function upgradeReport(r: CompareReportV2): CompareReport {
  const w = r.wallClock;
  const cpu = w.cpuSeconds;
  const stage = (name: string, wall: number, c: number | undefined) => ({
    stage: name,
    wallSeconds: wall,
    cpuSeconds: cpu === null ? null : (c ?? 0),
  });
  const networks = [annEntry(r)];
  if (r.snn.applicable) networks.push(snnEntry(r, r.snn));
  return {
    schemaVersion: 3,
    dataset: r.dataset,
    task: r.task,
    seed: r.seed,
    settings: r.settings,
    labels: null,
    networks,
    notApplicable: r.snn.applicable
      ? []
      : [{ id: 'snn', label: 'spiking network (SNN)', reason: r.snn.reason }],
    comparisons: [],
    upgradedFrom: r.schemaVersion,
    notes: [
      `upgraded from version ${r.schemaVersion}: energy as that version charged it (static power of whole chips over T ticks of 1 ms, here also pro-rated to the cores used; no static term or time for the CPU and accelerator)`,
      `version ${r.schemaVersion} kept no per-sample predictions: accuracy intervals are computed from the accuracies, and no McNemar test is possible`,
    ],
    wallClock: {
      stages: [
        stage('train', w.trainingSeconds, cpu?.training),
        stage('convert', w.conversionSeconds, cpu?.conversion),
        stage('simulate', w.simulationSeconds, cpu?.simulation),
        stage('map', w.mappingSeconds, cpu?.mapping),
        stage('report', w.reportSeconds, cpu?.report),
      ],
      totalSeconds: w.totalSeconds,
      cpuTotalSeconds: cpu?.total ?? null,
      networks: {
        ann: { secondsPerSample: w.annSecondsPerSample, backend: null },
        ...(r.snn.applicable
          ? { snn: { secondsPerSample: w.snnSecondsPerSample, backend: w.snnBackend } }
          : {}),
      },
    },
  };
}
