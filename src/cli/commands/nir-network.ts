/**
 * A `.nir` file on the command line: read it, take the tick from `--dt`
 * (ms, as every spikelab flag; NIR's seconds are dt/1000, so snnTorch's
 * 1e-4 s is `--dt 0.1`) or from the file's metadata, and present the input
 * as spikes (`--input` spikes.csv | spikes.bin, in spikelab's raster
 * formats: neuron = index of the input element, time on the tick grid) or
 * as a constant value per step (`--input-current v1,v2,…`).
 */
import { readFileSync } from 'node:fs';
import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  checkNirDt,
  importNir,
  metadataDt,
  NIR_INTEGRATORS,
  type NirIntegrator,
  type NirNetwork,
  readNir,
} from '../../../sim/io/nir/index.ts';
import { readSpikeFile } from '../../../sim/io/spike-file.ts';
import { invalid, SpikelabError } from '../../core/errors.ts';

export interface NirFlags {
  /** Tick in ms. */
  dt?: number;
  integrator?: NirIntegrator;
  input?: string;
  inputCurrent?: number[];
  seed?: number;
  /** Run one step per tick of this length (ms) instead of dt (a platform's tick). */
  tickMs?: number;
}

export const isNirPath = (p: string) => p.toLowerCase().endsWith('.nir');

/** Throws for the first flag given where it does not apply. */
export function refuseFlags(given: [string, unknown][], allowed: string): void {
  for (const [flag, v] of given) if (v !== undefined) throw invalid(flag, v, allowed);
}

/** The flags that say how a .nir file's input and time step are read (simulate, map). */
export function addNirOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option(
        '--integrator <name>',
        '.nir: exact (e^(−dt/τ)) or euler (1 − dt/τ, as snnTorch and Norse)',
      )
        .choices(NIR_INTEGRATORS)
        .default(undefined, 'the file’s metadata, else exact'),
    )
    .addOption(
      new Option(
        '--input <FILE>',
        '.nir: input spikes, a raster CSV (time_ms,neuron) or binary spike file',
      ).default(undefined, 'no input spikes'),
    )
    .addOption(
      new Option('--input-current <v1,v2,…>', '.nir: a constant value per input element every step')
        .argParser(numberListFlag)
        .default(undefined, 'none'),
    );
}

/** `--input-current 0.5,1,0`: finite numbers, comma-separated. */
export function numberListFlag(raw: string): number[] {
  const parts = raw.split(',').map((s) => s.trim());
  const values = parts.map(Number);
  if (parts.some((p) => p === '') || values.some((v) => !Number.isFinite(v)))
    throw new InvalidArgumentError('Allowed: comma-separated finite numbers, e.g. 0.5,1,0.');
  return values;
}

function readBytes(path: string, flag: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new SpikelabError(
      'INVALID_FILE',
      `${flag}: cannot read ${path} (${(e as Error).message})`,
    );
  }
}

/** Spike steps per input element from a spikelab raster (CSV time_ms,neuron or binary). */
function inputSpikes(path: string, dtMs: number, elements: number): number[][] {
  const out = Array.from({ length: elements }, () => [] as number[]);
  const add = (step: number, id: number, where: string) => {
    if (!Number.isInteger(id) || id < 0 || id >= elements)
      throw invalid(
        `--input ${where}: neuron`,
        id,
        `an input element index from 0 to ${elements - 1}`,
      );
    out[id]!.push(step);
  };
  if (path.toLowerCase().endsWith('.csv')) {
    const lines = new TextDecoder().decode(readBytes(path, '--input')).trim().split(/\r?\n/);
    if (lines[0]?.trim() !== 'time_ms,neuron')
      throw invalid(
        `--input ${path}: header`,
        lines[0],
        '"time_ms,neuron" (spikelab raster CSV)',
        'INVALID_FILE',
      );
    lines.slice(1).forEach((line, k) => {
      const [t, id] = line.split(',').map(Number);
      const step = t! / dtMs;
      if (!Number.isFinite(step) || step < 0 || Math.abs(step - Math.round(step)) > 1e-6)
        throw invalid(
          `--input ${path} line ${k + 2}: time_ms`,
          t,
          `a time ≥ 0 on the ${dtMs} ms grid`,
          'INVALID_FILE',
        );
      add(Math.round(step), id!, `${path} line ${k + 2}`);
    });
  } else {
    const rec = readSpikeFile(readBytes(path, '--input'), path);
    const factor = rec.dt / dtMs;
    for (let k = 0; k < rec.ids.length; k++)
      add(Math.round(rec.ticks[k]! * factor), rec.ids[k]!, path);
  }
  for (const s of out) s.sort((a, b) => a - b);
  return out;
}

/** The engine network of a .nir file with the flags applied. */
export async function nirNetwork(path: string, flags: NirFlags): Promise<NirNetwork> {
  const bytes = readBytes(path, 'network');
  const file = await readNir(bytes, path);
  if (flags.input && flags.inputCurrent)
    throw new SpikelabError(
      'INVALID_ARGUMENT',
      '--input and --input-current: allowed: one of them',
    );
  const dtS = checkNirDt(
    flags.dt !== undefined ? flags.dt / 1000 : metadataDt(file),
    '--dt',
    'give it in ms (snnTorch exports assume 0.1, Norse 1)',
  );
  // the input elements are known only once the graph is shaped: import once to learn them
  const spikes = flags.input
    ? inputSpikes(
        flags.input,
        dtS * 1000,
        (await importNir(bytes, { dt: dtS, where: path })).inputs.reduce((a, i) => a + i.size, 0),
      )
    : undefined;
  return importNir(bytes, {
    dt: dtS,
    where: path,
    ...(flags.integrator && { integrator: flags.integrator }),
    ...(spikes && { inputSpikes: spikes }),
    ...(flags.inputCurrent && { inputCurrent: flags.inputCurrent }),
    ...(flags.seed !== undefined && { seed: flags.seed }),
    ...(flags.tickMs !== undefined && { tickMs: flags.tickMs }),
  });
}

/** The lines that say how a NIR file was read, printed above its results. */
export function nirHeader(path: string, n: NirNetwork): string {
  const pops = n.populations
    .filter((p) => p.type !== 'Input')
    .map(
      (p) =>
        `${p.name} (${p.type}${p.spiking ? '' : ', non-spiking'}, ${p.latencyTicks} tick${p.latencyTicks === 1 ? '' : 's'} behind)`,
    );
  return [
    `${path}: NIR ${n.version}, dt ${n.dt * 1000} ms (${n.dt} s), ${n.integrator} integration; ${pops.join(', ')}`,
    `inputs ${n.inputs.map((i) => `${i.name} (${i.size})`).join(', ')}; outputs ${n.outputs.map((o) => `${o.name} ← ${o.population}`).join(', ') || 'none'}`,
  ].join('\n');
}
