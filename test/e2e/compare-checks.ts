/**
 * The Compare view in the browser: a report written in this test run by
 * the harness library (digits, its network kept) is opened and drawn —
 * pixels of both paradigms' colours in each plot, the table's text equal to
 * the report's numbers, a platform marked as unable to take the network
 * shown as such; bad reports get a message naming the problem; comparisons run in
 * the worker (iris; digits, whose file the page inflates itself) and one is
 * cancelled; the report's spiking network is simulated on a test sample.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { loadDataset } from '../../src/data/node/load.ts';
import { compare } from '../../src/harness/compare.ts';
import { type CompareReport, serializeReport } from '../../src/harness/report-schema.ts';
import { BLUE, check, plotPixels, rasterPixels, VERMILLION } from './page-helpers.ts';

/**
 * Digits with 300 hidden units. TrueNorth deploys its 300-input output layer
 * by splitting it, so no platform refuses this network: the page's drawing
 * of a platform that cannot take a network is checked on TrueNorth's entries
 * marked not mappable here, as the harness writes them when a mapping fails.
 */
function savedReport(): { path: string; report: CompareReport } {
  const t0 = performance.now();
  const report = compare(
    loadDataset('digits'),
    {
      timesteps: 60,
      samples: 120,
      includeNetwork: true,
      training: { epochs: 8, hidden: [300] },
    },
    {},
  ).report;
  if (report.snn.applicable) {
    const reason = 'IBM TrueNorth: marked not mappable by the browser test';
    report.snn.hardware['truenorth'] = { mappable: false, reason };
    report.snn.energy['truenorth'] = { mappable: false, reason };
  }
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
  const s = report.snn.applicable ? report.snn : null;
  if (!s) throw new Error('the saved report has no spiking side');

  await page.getByRole('tab', { name: 'Compare' }).click();
  await page.locator('#report-file').waitFor({ state: 'attached' });

  // 1. The saved report, chosen with the file picker.
  let n = await shown(page);
  await page.locator('#report-file').setInputFiles(path);
  await waitShown(page, n);
  const acc = await plotPixels(page, '#accuracy-plot', [VERMILLION, BLUE]);
  check(
    'accuracy plot: the spiking curve and the rate network’s reference line are drawn',
    acc.counts[0]! > 300 && acc.counts[1]! > 300,
    `SNN ${acc.counts[0]} px, ANN ${acc.counts[1]} px`,
  );
  for (const [id, what] of [
    ['#energy-plot', 'energy bars'],
    ['#ops-plot', 'synaptic operation bars'],
    ['#layers-plot', 'per-layer bars'],
  ] as const) {
    const px = await plotPixels(page, id, [BLUE, VERMILLION]);
    check(
      `${what}: both paradigms’ colours`,
      px.counts[0]! > 200 && px.counts[1]! > 200,
      `ANN ${px.counts[0]} px, SNN ${px.counts[1]} px`,
    );
  }
  const metrics = (await page.locator('#metrics-table').textContent()) ?? '';
  const snnPct = `${(100 * s.accuracy).toFixed(2)} % after 60 ticks`;
  const annPct = `${(100 * report.ann.accuracy!).toFixed(2)} %`;
  check(
    'metrics table: the report’s accuracies and NeuroBench names',
    metrics.includes(snnPct) &&
      metrics.includes(annPct) &&
      metrics.includes('SynapticOperations.Effective_ACs'),
    `${annPct} / ${snnPct}`,
  );
  const within = (await page.getByTestId('within-one-percent').textContent()) ?? '';
  check(
    'latency shown as in the report',
    within === `tick ${s.latencyTicks.withinOnePercent}`,
    within,
  );
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
    s.layers.every((l) => layers.includes(l.layer) && layers.includes(l.annMean.toFixed(4))),
  );
  await page.screenshot({ path: join(shots, 'compare-report.png'), fullPage: true });

  // 2. Bad reports: a message naming what is wrong; the drawn report stays.
  const good = JSON.parse(serializeReport(report));
  const bad: [string, string, RegExp][] = [
    ['broken.json', '{ "schemaVersion": 2, ', /broken\.json: not JSON/],
    [
      'wrong.json',
      JSON.stringify({ ...good, ann: { ...good.ann, accuracy: 'high' } }),
      /wrong\.json\.ann\.accuracy: got "high"; allowed: a number in \[0, 1\]/,
    ],
    [
      'old.json',
      JSON.stringify({ ...good, schemaVersion: 9 }),
      /old\.json\.schemaVersion: got 9; allowed: 1 or 2/,
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

  // 3. Drag and drop: a version 1 report (no network) is read too.
  n = await shown(page);
  const { spikingNetwork: _, ...snnWithout } = good.snn;
  const v1 = JSON.stringify({ ...good, schemaVersion: 1, snn: snnWithout });
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'v1-report.json', { type: 'application/json' }));
    for (const type of ['dragover', 'drop'])
      document.body.dispatchEvent(
        new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }),
      );
  }, v1);
  await waitShown(page, n);
  const dropped = await page.evaluate(() => window.__spikelab.compare.lastReport);
  const offer = (await page.locator('#network-card').textContent()) ?? '';
  check(
    'a dropped version 1 report is drawn; the page says it holds no network',
    dropped?.source === 'v1-report.json' &&
      !dropped.hasNetwork &&
      offer.includes('--include-network'),
    JSON.stringify(dropped),
  );

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
  await page.screenshot({ path: join(shots, 'simulate-report-network.png'), fullPage: true });
}
