import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SpikeMonitor } from '../../../../sim/engine/monitors.ts';
import { Simulator } from '../../../../sim/engine/simulator.ts';
import { parseNetworkJson } from '../../../../sim/io/network-json.ts';
import { parsePynnSpikeCsv, SPIKE_CSV_HEADER } from '../../../../sim/io/pynn/spikes-csv.ts';
import { buildNetwork } from '../../../../sim/network/build.ts';

const net = buildNetwork(
  parseNetworkJson(readFileSync('examples/networks/feedforward.json', 'utf8')),
);

describe('spike CSV of exported PyNN scripts', () => {
  it('reads back the engine’s own spikes, written as the script writes them, unchanged', () => {
    const m = SpikeMonitor.of(net);
    new Simulator(net, { listeners: [m] }).run(3000);
    const r = m.record();
    const rows = Array.from(r.ids, (id, k) => {
      const pop = net.populations.find((p) => id >= p.offset && id < p.offset + p.size)!;
      return `${(r.ticks[k]! * net.dt).toFixed(4)},${pop.label},${id - pop.offset}`;
    });
    const back = parsePynnSpikeCsv(
      `${SPIKE_CSV_HEADER}\n${rows.join('\n')}\n`,
      net.populations,
      net.dt,
    );
    expect(Array.from(back.ticks)).toEqual(Array.from(r.ticks));
    expect(Array.from(back.ids)).toEqual(Array.from(r.ids));
    expect(back.counts.input! + back.counts.hidden! + back.counts.readout!).toBe(r.ids.length);
  });

  it('names the line and field at fault', () => {
    const read = (body: string) => () =>
      parsePynnSpikeCsv(`${SPIKE_CSV_HEADER}\n${body}`, net.populations, net.dt, 'x.csv');
    expect(read('1.0,nosuch,0')).toThrow(
      'x.csv:2.population: got "nosuch"; allowed: one of input, hidden, readout',
    );
    expect(read('1.0,readout,10')).toThrow(
      'x.csv:2.index: got "10"; allowed: an integer in 0…9 (readout)',
    );
    expect(read('-1,readout,0')).toThrow('x.csv:2.time_ms: got "-1"; allowed: a time ≥ 0 (ms)');
    expect(() => parsePynnSpikeCsv('time_ms,neuron\n', net.populations, net.dt, 'x.csv')).toThrow(
      'x.csv:1: got "time_ms,neuron"; allowed: the header time_ms,population,index',
    );
  });
});
