/**
 * `spikelab import-spikes FILE.csv --network NETWORK [--out FILE]`: the
 * spikes an exported PyNN script wrote (`--spikes`), in the engine's global
 * numbering, written in the format of `simulate --raster` (CSV if --out ends
 * in .csv, else binary). Prints one JSON object: spikes per population.
 */
import { readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { parsePynnSpikeCsv } from '../../../sim/io/pynn/spikes-csv.ts';
import { buildNetwork } from '../../../sim/network/build.ts';
import { SpikelabError } from '../../core/errors.ts';
import { resolveExportSource } from '../../harness/export/sources.ts';
import { openSpikeWriter } from '../../io/spike-writer.ts';
import type { CliIo } from '../io.ts';
import { withNetworkFlags } from './export.ts';

export interface ImportSpikesOptions {
  network: string;
  out?: string;
  n?: number;
  scale?: number;
  seed?: number;
}

export function runImportSpikes(
  file: string,
  o: ImportSpikesOptions,
  io: CliIo,
): Record<string, number> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new SpikelabError('INVALID_FILE', `${file}: cannot read (${(e as Error).message})`);
  }
  const { spec } = resolveExportSource(o.network, o);
  const net = buildNetwork(spec);
  const spikes = parsePynnSpikeCsv(text, net.populations, net.dt, file);
  if (o.out) {
    const writer = openSpikeWriter(o.out, net.dt);
    try {
      writer.write(spikes.ticks, spikes.ids, spikes.ticks.length);
    } finally {
      writer.close();
    }
  }
  io.out(`${JSON.stringify({ spikes: spikes.counts })}\n`);
  return spikes.counts;
}

export function registerImportSpikes(program: Command, io: CliIo): Command {
  return withNetworkFlags(program.command('import-spikes'))
    .description('read the spikes of an exported PyNN script (time_ms,population,index) back')
    .argument('<file>', 'CSV written by the script’s --spikes')
    .requiredOption(
      '--network <NETWORK>',
      'the network the script was exported from (as export takes it)',
    )
    .addOption(
      new Option(
        '--out <FILE>',
        'write the spikes as simulate --raster does: CSV if .csv, else binary',
      ).default(undefined, 'not written'),
    )
    .action((file: string, o: ImportSpikesOptions) => {
      runImportSpikes(file, o, io);
    });
}
