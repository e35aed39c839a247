/**
 * The Compare view in the browser: a report written in this test run by
 * the harness library (digits, its network kept, a third network beside the
 * two) is opened and drawn — pixels of every network's colour in each plot,
 * the tables' text equal to the report's numbers, a platform marked as
 * unable to take the network shown as such; a version 2 report written
 * before version 3 is drawn; bad reports get a message naming the problem; comparisons run in
 * the worker (iris; digits, whose file the page inflates itself) and one is
 * cancelled; the report's spiking network is simulated on a test sample.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { loadDataset } from '../../src/data/node/load.ts';
import { compare } from '../../src/harness/compare.ts';
import { serializeReport } from '../../src/harness/report/read.ts';
import type { CompareReport } from '../../src/harness/report/schema.ts';
import { settingsFor, trainOnDataset } from '../../src/harness/train-rate.ts';
import { BLUE, check, GREEN, plotPixels, rasterPixels, VERMILLION } from './page-helpers.ts';

/**
 * Digits with 300 hidden units. TrueNorth deploys its 300-input output layer
 * by splitting it, so no platform refuses this network: the page's drawing
 * of a platform that cannot take a network is checked on TrueNorth's entries
 * marked not mappable here, as the harness writes them when a mapping fails.
 */
function savedReport(): { path: string; report: CompareReport } {
  const t0 = performance.now();
  const digits = loadDataset('digits');
  const train = trainOnDataset(digits, settingsFor('digits', { epochs: 8, hidden: [300] }), 0);
  const options = { timesteps: 60, samples: 120 };
  // a third contender: the same rate network converted at the maximum (percentile 100)
  const p100 = compare(
    digits,
    { ...options, percentile: 100, platforms: ['loihi'] },
    {},
    { train },
  );
  const report = compare(
    digits,
    { ...options, includeNetwork: true },
    {},
    {
      train,
      contenders: [
        { id: 'p100', label: 'conversion at p100', classifier: p100.conversion!.classifier },
      ],
    },
  ).report;
  const snn = report.networks.find((x) => x.id === 'snn')!;
  const reason = 'IBM TrueNorth: marked not mappable by the browser test';
  snn.spiking!.hardware['truenorth'] = { mappable: false, reason };
  snn.energy['truenorth'] = { mappable: false, reason };
  const dir = mkdtempSync(join(tmpdir(), 'spikelab-e2e-'));
  const path = join(dir, 'digits-report.json');
  writeFileSync(path, serializeReport(report));
  console.log(
    `  report for the page: digits, written by the harness in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return { path, report };
}

/** The report as JSON without its machine-dependent block. */
const withoutWallClock = (r: CompareReport) => {
  const { wallClock: _, ...rest } = JSON.parse(serializeReport(r)) as CompareReport;
  return JSON.stringify(rest);
};

const shown = (page: Page) => page.evaluate(() => window.__spikelab.compare.shown);
const errors = (page: Page) => page.evaluate(() => window.__spikelab.compare.errors);

async function waitShown(page: Page, before: number, timeout = 30_000): Promise<void> {
  await page.waitForFunction((n) => window.__spikelab.compare.shown > n, before, { timeout });
}

async function openReport(page: Page, name: string, text: string): Promise<void> {
  await page.locator('#report-file').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
}

/** Runs a comparison from the form; resolves when a report is drawn or an error shown. */
async function runComparison(page: Page, fields: Record<string, string>): Promise<number> {
  for (const [id, value] of Object.entries(fields)) {
    const el = page.locator(`#${id}`);
    if ((await el.evaluate((e) => e.tagName)) === 'SELECT') await el.selectOption(value);
    else await el.fill(value);
  }
  const before = await page.evaluate(
    () => window.__spikelab.compare.shown + window.__spikelab.compare.errors,
  );
  const t0 = performance.now();
  await page.getByRole('button', { name: 'Run comparison', exact: true }).click();
  await page.waitForFunction(
    (n) => window.__spikelab.compare.shown + window.__spikelab.compare.errors > n,
    before,
    { timeout: 60_000 },
  );
  return (performance.now() - t0) / 1000;
}

export async function compareChecks(page: Page, shots: string): Promise<void> {
  const { path, report } = savedReport();
  const snn = report.networks.find((x) => x.id === 'snn');
  const s = snn?.spiking;
  if (!snn || !s) throw new Error('the saved report has no spiking side');
  const ann = report.networks.find((x) => x.id === 'ann')!;

  await page.getByRole('tab', { name: 'Compare' }).click();
  await page.locator('#report-file').waitFor({ state: 'attached' });

  // 1. The saved report, chosen with the file picker.
  let n = await shown(page);
  await page.locator('#report-file').setInputFiles(path);
  await waitShown(page, n);
  const acc = await plotPixels(page, '#accuracy-plot', [VERMILLION, BLUE, GREEN]);
  check(
    'accuracy plot: both spiking curves and the rate network’s reference line are drawn',
    acc.counts[0]! > 300 && acc.counts[1]! > 300 && acc.counts[2]! > 300,
    `SNN ${acc.counts[0]} px, ANN ${acc.counts[1]} px, p100 ${acc.counts[2]} px`,
  );
  for (const [id, what, colours] of [
    ['#energy-plot', 'energy bars', [BLUE, VERMILLION, GREEN]],
    ['#ops-plot', 'synaptic operation bars', [BLUE, VERMILLION, GREEN]],
    ['#layers-plot', 'per-layer bars', [BLUE, VERMILLION]],
  ] as const) {
    const px = await plotPixels(page, id, [...colours]);
    check(
      `${what}: every network’s colour`,
      px.counts.every((c) => c > 200),
      px.counts.join(' / '),
    );
  }
  const metrics = (await page.locator('#metrics-table').textContent()) ?? '';
  const snnPct = `${(100 * snn.accuracy!.value).toFixed(2)} %`;
  const annPct = `${(100 * ann.accuracy!.value).toFixed(2)} %`;
  check(
    'metrics table: three networks, the report’s accuracies and NeuroBench names',
    metrics.includes(snnPct) &&
      metrics.includes(annPct) &&
      metrics.includes('conversion at p100') &&
      metrics.includes('SynapticOperations.Effective_ACs'),
    `${annPct} / ${snnPct}`,
  );
  const stats = (await page.locator('#statistics-table').textContent()) ?? '';
  check(
    'statistics table: McNemar’s test for the three pairs, each with its verdict',
    ['ANN vs SNN', 'ANN vs p100', 'SNN vs p100'].every((p) => stats.includes(p)) &&
      (stats.includes('no significant difference') || stats.includes('more accurate')),
    stats.slice(0, 200),
  );
  const energyTable = (await page.locator('#energy-table').textContent()) ?? '';
  check(
    'energy table: both static readings and the time per inference',
    energyTable.includes('+ static (whole chips)') && energyTable.includes('busiest core'),
  );
  const within = (await page.getByTestId('within-one-percent').textContent()) ?? '';
  const latency = snn.latency.kind === 'ticks' ? snn.latency.withinOnePercent : -1;
  check('latency shown as in the report', within === `tick ${latency}`, within);
  const energyLabel = (await page.locator('#energy-plot').getAttribute('aria-label')) ?? '';
  check(
    'TrueNorth (marked not mappable) shown as not mappable, not as zero',
    energyLabel.includes('TrueNorth · SNN not mappable'),
    energyLabel,
  );
  const scales = await page.evaluate(() =>
    ['#energy-plot', '#ops-plot', '#layers-plot'].map((id) =>
      document.querySelector(id)?.getAttribute('data-y-scale'),
    ),
  );
  check(
    'energy and operations on log axes (their values span decades), layer means on a linear one',
    scales.join() === 'log,log,linear',
    scales.join(),
  );
  const layers = (await page.locator('#layers-table').textContent()) ?? '';
  check(
    'per-layer table: both layers with the report’s ANN means',
    snn.layers!.every((l) => layers.includes(l.layer) && layers.includes(l.annMean.toFixed(4))),
  );
  await page.screenshot({ path: join(shots, 'compare-report.png'), fullPage: true });

  // 2. Bad reports: a message naming what is wrong; the drawn report stays.
  const good = JSON.parse(serializeReport(report));
  const bad: [string, string, RegExp][] = [
    ['broken.json', '{ "schemaVersion": 2, ', /broken\.json: not JSON/],
    [
      'wrong.json',
      JSON.stringify({
        ...good,
        networks: [
          { ...good.networks[0], accuracy: { ...good.networks[0].accuracy, value: 'high' } },
        ],
      }),
      /wrong\.json\.networks\.0\.accuracy\.value: got "high"; allowed: a number in \[0, 1\]/,
    ],
    [
      'future.json',
      JSON.stringify({ ...good, schemaVersion: 4 }),
      /future\.json\.schemaVersion: got 4; allowed: 1, 2, 3/,
    ],
    [
      'empty.json',
      JSON.stringify({ ...good, networks: [] }),
      /empty\.json\.networks: got an array of 0; allowed: at least one network/,
    ],
  ];
  for (const [name, text, message] of bad) {
    const before = await errors(page);
    await openReport(page, name, text);
    await page.waitForFunction((k) => window.__spikelab.compare.errors > k, before);
    const err = (await page.locator('#compare-error').textContent()) ?? '';
    check(`bad report ${name}: message names the problem`, message.test(err), err);
  }
  const still = await page.evaluate(() => window.__spikelab.compare.lastReport?.source);
  check(
    'the report drawn before stays after bad files',
    still === 'digits-report.json',
    String(still),
  );
  await page.screenshot({ path: join(shots, 'compare-bad-report.png'), fullPage: false });

  // 3. Drag and drop: a version 2 report written before version 3 (no network) is read too.
  n = await shown(page);
  const v2 = readFileSync(new URL('../golden/reports/v2-digits.json', import.meta.url), 'utf8');
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'v2-report.json', { type: 'application/json' }));
    for (const type of ['dragover', 'drop'])
      document.body.dispatchEvent(
        new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }),
      );
  }, v2);
  await waitShown(page, n);
  const dropped = await page.evaluate(() => window.__spikelab.compare.lastReport);
  const offer = (await page.locator('#network-card').textContent()) ?? '';
  check(
    'a dropped version 2 report from before version 3 is drawn (97.77 % both); the page says it holds no network',
    dropped?.source === 'v2-report.json' &&
      dropped.annAccuracy === JSON.parse(v2).ann.accuracy &&
      !dropped.hasNetwork &&
      offer.includes('--include-network'),
    JSON.stringify(dropped),
  );
  await page.screenshot({ path: join(shots, 'compare-v2-report.png'), fullPage: true });

  // 4. Comparisons in the worker: one cancelled, then iris, then digits (gzip inflated in the page).
  await page.locator('#cmp-dataset').selectOption('digits');
  await page.locator('#cmp-epochs').fill('400');
  await page.getByRole('button', { name: 'Run comparison', exact: true }).click();
  await page.waitForFunction(
    () => document.getElementById('compare-status')?.textContent?.startsWith('Training'),
    null,
    { timeout: 30_000 },
  );
  const tc = performance.now();
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await page.waitForFunction(() => window.__spikelab.compare.cancelled > 0, null, {
    timeout: 5_000,
  });
  check(
    'Cancel stops a comparison in training',
    await page.getByRole('button', { name: 'Run comparison', exact: true }).isEnabled(),
    `${(performance.now() - tc).toFixed(0)} ms after the click`,
  );
  await page.locator('#cmp-epochs').fill('');
  const irisSeconds = await runComparison(page, { 'cmp-dataset': 'iris', 'cmp-timesteps': '50' });
  const iris = await page.evaluate(() => window.__spikelab.compare.lastReport);
  check(
    'iris compared in the worker (after the cancelled run’s worker was replaced)',
    iris?.dataset === 'iris' &&
      iris.source === 'iris comparison run in this page' &&
      (iris.snnAccuracy ?? 0) > 0.8,
    `${JSON.stringify(iris)} in ${irisSeconds.toFixed(1)} s`,
  );
  const digitsSeconds = await runComparison(page, {
    'cmp-dataset': 'digits',
    'cmp-timesteps': '100',
    'cmp-epochs': '10',
    'cmp-samples': '',
  });
  const digits = await page.evaluate(() => window.__spikelab.compare.lastReport);
  check(
    'digits compared in the worker (359 test samples, 100 ticks), its network kept',
    digits?.dataset === 'digits' && (digits.snnAccuracy ?? 0) > 0.85 && digits.hasNetwork,
    `${JSON.stringify(digits)} in ${digitsSeconds.toFixed(1)} s`,
  );
  // one engine, two front ends: the browser's report is the Node harness's, bit for bit
  const inPage = await page.evaluate(() => window.__spikelab.compare.report);
  const inNode = compare(loadDataset('digits'), { includeNetwork: true, training: { epochs: 10 } });
  const same = inPage !== null && withoutWallClock(inPage) === withoutWallClock(inNode.report);
  check(
    'the page’s digits report equals the Node harness’s for the same settings (wall clock aside)',
    same,
    same ? '' : 'reports differ',
  );
  await page.waitForTimeout(300);
  const cmpStatus = (await page.locator('#compare-status').textContent()) ?? '';
  check(
    'the comparison’s status ends with the run: Done',
    cmpStatus.startsWith('Done: digits'),
    cmpStatus,
  );
  await page.screenshot({ path: join(shots, 'compare-run.png'), fullPage: true });

  // 5. The report's spiking network in the Simulate view, driven by test sample 2.
  const runs = await page.evaluate(() => window.__spikelab.runs + window.__spikelab.errors);
  await page.locator('#cmp-sample').selectOption('2');
  await page.getByRole('button', { name: 'Simulate this sample' }).click();
  await page.waitForFunction((k) => window.__spikelab.runs + window.__spikelab.errors > k, runs, {
    timeout: 30_000,
  });
  const run = await page.evaluate(() => ({
    last: window.__spikelab.lastRun,
    error: window.__spikelab.lastError,
  }));
  const note = (await page.locator('#run-class').textContent()) ?? '';
  const px = await rasterPixels(page);
  check(
    'the report’s network ran on test sample 2 for its 100 ticks and its raster is drawn',
    run.error === null &&
      run.last?.durationMs === 100 &&
      px.coloured > 200 &&
      note.startsWith('Test sample 2'),
    `${note} ${px.coloured} px ${JSON.stringify(run)}`,
  );
  // progress reports travel on their own port and may land after the result: give them time to
  await page.waitForTimeout(500);
  const runStatus = (await page.locator('#run-status').textContent()) ?? '';
  check(
    'after "Simulate this sample" the status reads Done with the result’s spike count',
    runStatus.startsWith(`Done: ${(run.last?.spikes ?? -1).toLocaleString('en-US')} spikes`),
    runStatus,
  );
  await page.screenshot({ path: join(shots, 'simulate-report-network.png'), fullPage: true });
}
