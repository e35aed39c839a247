/**
 * The worker's comparison, called in Node as the page calls it through
 * comlink: it is the harness's report (same schema), progress comes per
 * stage and per batch/sample, cancel ends it with CANCELLED, bad requests
 * are named errors, and the page's own data set loading matches the CLI's.
 */
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src/data/dataset.ts';
import { loadDataset } from '../../../src/data/node/load.ts';
import { parseReport } from '../../../src/harness/report/read.ts';
import { createSimApi } from '../../../web/worker/api.ts';
import type { CompareProgress, CompareResponse } from '../../../web/worker/compare-request.ts';
import { pageDataset } from '../../../web/worker/datasets.ts';

const nodeLoader = async (name: string): Promise<Dataset> => loadDataset(name);

function ok(r: CompareResponse) {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.result;
}

describe('worker API: compare', () => {
  it('iris, 50 ticks: a report the harness’s schema reads, with the network for the Simulate view; progress per stage in pipeline order (the TrueNorth deployment’s run included) and per training batch', async () => {
    const api = createSimApi({ loadDataset: nodeLoader, progressIntervalMs: 0 });
    const seen: CompareProgress[] = [];
    const r = ok(await api.compare({ dataset: 'iris', timesteps: 50 }, (p) => seen.push(p)));
    expect(parseReport(JSON.parse(JSON.stringify(r)))).toEqual(r); // what the page reads back from a saved file
    expect(r.dataset).toBe('iris');
    expect(r.settings.timesteps).toBe(50);
    expect(r.settings.testSamples).toBe(30); // 20 % of 150, stratified
    expect(r.networks[1]!.spiking!.spikingNetwork?.samples).toHaveLength(10);
    const stages = seen.map((p) => p.stage).filter((s, i, a) => s !== a[i - 1]);
    expect(stages).toEqual([
      'loading',
      'load',
      'train',
      'convert',
      'map',
      'simulate',
      'deploy',
      'price',
      'report',
    ]);
    const training = seen.filter((p) => p.stage === 'train' && p.total > 0);
    // 200 epochs × ⌈120 / 16⌉ = 8 batches
    expect(training.at(-1)).toMatchObject({ done: 1600, total: 1600 });
    expect(training.at(-1)!.loss).toBeGreaterThan(0);
    expect(seen.filter((p) => p.stage === 'simulate').at(-1)).toMatchObject({
      done: 30,
      total: 30,
      network: 'snn',
    });
    // the TrueNorth deployment runs the same 30 samples, on the worker's one thread
    expect(seen.filter((p) => p.stage === 'deploy').at(-1)).toMatchObject({ done: 30, total: 30 });
  });

  it('cancel() during training ends the comparison with CANCELLED; the worker takes the next call', async () => {
    const api = createSimApi({ loadDataset: nodeLoader, progressIntervalMs: 0 });
    const r = await api.compare({ dataset: 'iris' }, (p) => {
      if (p.stage === 'train' && p.done >= 40) api.cancel();
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    // batch 40 is epoch 5's last (8 an epoch): the stop is seen after the next batch, epoch 6's first
    if (!r.ok) expect(r.error.message).toBe('comparison cancelled in training epoch 6');
    expect(ok(await api.compare({ dataset: 'xor', timesteps: 20 })).dataset).toBe('xor');
  });

  it('a bad request names the field and what is allowed; a worker without data sets says so', async () => {
    const api = createSimApi({ loadDataset: nodeLoader });
    const bad: [object, string][] = [
      [{ dataset: 'mnist' }, 'request.dataset: got "mnist"; allowed: one of xor, iris, digits'],
      [
        { dataset: 'iris', timesteps: 0 },
        'request.timesteps: got 0; allowed: an integer in [1, 2000]',
      ],
      [
        { dataset: 'iris', encoding: 'morse' },
        'request.encoding: got "morse"; allowed: one of current, poisson, ttfs',
      ],
      [{ dataset: 'iris', platforms: ['gpu'] }, 'request: unknown field "platforms"'],
    ];
    for (const [request, message] of bad) {
      const r = await api.compare(request);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toContain(message);
    }
    const bare = await createSimApi().compare({ dataset: 'xor' });
    expect(bare).toMatchObject({ ok: false, error: { code: 'NOT_APPLICABLE' } });
  });
});

describe('worker API: the spiking network of a report in the Simulate view', () => {
  it('a report’s network runs on a stored test sample for its T ticks; its output layer gives the class the comparison recorded; a sample it does not hold is named', async () => {
    const api = createSimApi({ loadDataset: nodeLoader });
    const report = ok(await api.compare({ dataset: 'iris', timesteps: 50 }));
    const block = report.networks[1]?.spiking?.spikingNetwork ?? null;
    if (!block) throw new Error('no network in the report');
    const request = (sample: number) => ({
      network: { kind: 'report', name: 'iris.json', network: block, sample },
      durationMs: 50,
      platform: 'loihi',
    });
    let agree = 0;
    for (let k = 0; k < block.samples.length; k++) {
      const r = await api.simulate(request(k));
      if (!r.ok) throw new Error(r.error.message);
      expect(r.result.name).toBe(`spiking network of iris.json, test sample ${k}`);
      expect(r.result.summary.durationMs).toBe(50); // 50 ticks of 1 ms
      expect(r.result.hardware?.report?.spikes).toBe(r.result.summary.spikes);
      const out = r.result.populations.find((p) => p.label === 'output')!;
      const counts = [0, 0, 0];
      for (const id of r.result.spikes.ids) if (id >= out.offset) counts[id - out.offset]!++;
      const top = Math.max(...counts);
      if (
        counts.filter((c) => c === top).length === 1 &&
        counts.indexOf(top) === block.samples[k]!.snn
      )
        agree++;
    }
    expect(agree).toBeGreaterThanOrEqual(8); // of 10: ties are broken by potential, which spikes do not show
    const bad = await api.simulate(request(99));
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.error.message).toBe(
        'iris.json: spikingNetwork.samples: got sample 99; allowed: 0 to 9',
      );
  });
});

describe('the page’s data sets', () => {
  it('iris from the bundle’s text is the CLI’s iris (150 × 4 values, same classes)', async () => {
    const page = await pageDataset('iris');
    const cli = loadDataset('iris');
    expect(page.n).toBe(150);
    expect(Array.from(page.x)).toEqual(Array.from(cli.x));
    expect(Array.from(page.y as Int32Array)).toEqual(Array.from(cli.y as Int32Array));
    expect(page.classes).toEqual(cli.classes);
  });
});
