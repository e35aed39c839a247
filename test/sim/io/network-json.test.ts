import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SpikeMonitor } from '../../../sim/engine/monitors.ts';
import { Simulator } from '../../../sim/engine/simulator.ts';
import {
  exportNetwork,
  networkJsonSchema,
  networkToJson,
  parseNetworkJson,
} from '../../../sim/io/network-json.ts';
import { brunel } from '../../../sim/models/brunel.ts';
import { cuba } from '../../../sim/models/cuba.ts';
import { buildNetwork } from '../../../sim/network/build.ts';

function spikesOf(spec: ReturnType<typeof cuba>, ticks: number) {
  const mon = new SpikeMonitor(spec.dt);
  new Simulator(buildNetwork(spec), { listeners: [mon] }).run(ticks);
  return mon.record();
}

describe('network JSON', () => {
  it('round-trips the reference specs: parse(write(spec)) equals spec', () => {
    for (const spec of [cuba({ n: 400 }), brunel({ scale: 0.01 })]) {
      expect(parseNetworkJson(networkToJson(spec))).toEqual(spec);
    }
  });

  it('an exported network (explicit CSR) rebuilds the same synapses and the same spikes', () => {
    const spec = cuba({ n: 500, seed: 4 });
    const net = buildNetwork(spec);
    const again = buildNetwork(parseNetworkJson(networkToJson(exportNetwork(net))));
    expect(again.synapses).toBe(net.synapses);
    net.projections.forEach((p, k) => {
      expect(again.projections[k]!.targets).toEqual(p.targets);
      expect(again.projections[k]!.weights).toEqual(p.weights);
      expect(again.projections[k]!.delays).toEqual(p.delays);
    });
    const a = spikesOf(spec, 2000);
    const b = spikesOf(parseNetworkJson(networkToJson(exportNetwork(net))), 2000);
    expect(b.ids.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });

  it('names the field path of the first problem', () => {
    // biome-ignore lint/suspicious/noExplicitAny: a test mutating parsed JSON freely
    const bad = (mutate: (o: Record<string, any>) => void) => {
      const o = JSON.parse(networkToJson(cuba({ n: 100 })));
      mutate(o);
      return () => parseNetworkJson(JSON.stringify(o));
    };
    expect(bad((o) => (o.dt = 5))).toThrow(
      'network.dt: got 5; allowed: a number in [0.01, 1] (ms)',
    );
    expect(bad((o) => (o.projections[1].connector.p = 1.5))).toThrow(
      'network.projections.1.connector.p: got 1.5; allowed: a number in [0, 1]',
    );
    expect(bad((o) => (o.populations[0].sise = 3))).toThrow(
      /network.populations.0: unknown field "sise"/,
    );
    expect(bad((o) => (o.projections[0].connector.type = 'nearest'))).toThrow(
      /network.projections.0.connector.type: got "nearest"; allowed: a connector type: allToAll/,
    );
    expect(bad((o) => (o.schemaVersion = 2))).toThrow(
      'network.schemaVersion: got v2 data when expected v1',
    );
    expect(() => parseNetworkJson('{"dt": 0.1,')).toThrow(/network: not valid JSON/);
    // parameter names and ranges are checked against the model's spec at build, with the same path
    const o = JSON.parse(networkToJson(cuba({ n: 100 })));
    o.populations[0].params.tau_m = -5;
    delete o.populations[0].params.tauM;
    expect(() => buildNetwork(parseNetworkJson(JSON.stringify(o)))).toThrow(
      'populations.0.params.tau_m: got -5; allowed: a finite number > 0 (ms)',
    );
  });

  it('loads the example networks in examples/networks and they spike (the readout only under its step current)', () => {
    const dir = new URL('../../../examples/networks/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const spec = parseNetworkJson(readFileSync(new URL(f, dir), 'utf8'), f);
      const mon = new SpikeMonitor(spec.dt);
      const net = buildNetwork(spec);
      new Simulator(net, { listeners: [mon] }).runFor(1000);
      const { ids, ticks } = mon.record();
      for (const pop of net.populations) {
        expect(
          ids.some((i) => i >= pop.offset && i < pop.offset + pop.size),
          `${f}: ${pop.label}`,
        ).toBe(true);
      }
      if (f === 'feedforward.json') {
        const readout = net.populations[2]!;
        // the hidden layer alone keeps it below threshold; with the 0.5 nA step (300–500 ms) it fires
        ids.forEach((id, k) => {
          if (id >= readout.offset) {
            expect(ticks[k]! * spec.dt).toBeGreaterThanOrEqual(300);
            expect(ticks[k]! * spec.dt).toBeLessThan(520);
          }
        });
      }
    }
  });

  it('exports a JSON Schema with the top-level fields', () => {
    const s = networkJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(s.properties)).toEqual([
      'schemaVersion',
      'dt',
      'seed',
      'populations',
      'projections',
      'meta',
    ]);
    expect(s.required).toContain('populations');
  });
});
