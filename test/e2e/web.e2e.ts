/**
 * The web app in a real browser: Debian's Chromium driven by playwright-core
 * (which downloads nothing), the built site served over HTTP on 127.0.0.1.
 * Fails on any page error or console error. Prints the raster's drawing
 * times for 1,000,000 spikes (measured, not asserted) and saves a screenshot
 * of each view under .artifacts/screenshots (the lecture checks: lecture-checks.ts).
 *
 *   npm run test:e2e              builds the site, then tests it
 *   npm run test:e2e -- --no-build
 *   CHROMIUM=/path/to/chromium npm run test:e2e
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { networkToJson } from '../../sim/io/network-json.ts';
import { cuba } from '../../sim/models/cuba.ts';
import { buildSite, siteDir, startWeb } from '../../src/cli/commands/web.ts';
import { processIo } from '../../src/cli/io.ts';
import type {} from '../../web/page-hooks.ts';
import { chromiumArgs, chromiumPath } from '../support/chromium.ts';
import { compareChecks } from './compare-checks.ts';
import { lectureChecks, longTaskObserver } from './lecture-checks.ts';
import { check, failed, rasterPixels, runWith } from './page-helpers.ts';
import { threadChecks } from './thread-checks.ts';
import { trainChecks } from './train-checks.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const shots = join(root, '.artifacts', 'screenshots');

function findChromium(): string {
  const path = chromiumPath();
  if (!path)
    throw new Error('chromium not found: install it (apt-get install -y chromium) or set CHROMIUM');
  return path;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

async function main(): Promise<void> {
  const t0 = performance.now();
  const executablePath = findChromium();
  if (!process.argv.includes('--no-build') || !existsSync(join(siteDir, 'index.html'))) {
    await buildSite(processIo());
  }
  mkdirSync(shots, { recursive: true });
  // what `spikelab web` serves, as it serves it
  const server = await startWeb({ port: 0, host: '127.0.0.1' }, processIo());
  const browser = await chromium.launch({ executablePath, headless: true, args: chromiumArgs });
  const errors: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console error: ${m.text()}`);
    });
    await page.addInitScript(longTaskObserver);
    await page.goto(server.url);
    await page.waitForFunction(() => window.__spikelabReady === true, null, { timeout: 30_000 });
    console.log(`web e2e: ${server.url} in ${executablePath}`);

    // 1. No choices made: Run simulates the default CUBA and draws its raster.
    check(
      'buttons named exactly "Run" and "Cancel"',
      (await page.getByRole('button', { name: 'Run', exact: true }).count()) === 1 &&
        (await page.getByRole('button', { name: 'Cancel', exact: true }).count()) === 1,
    );
    await runWith(page, {});
    const run1 = await page.evaluate(() => window.__spikelab.lastRun);
    check('default run finished', run1 !== null && !run1.stopped, JSON.stringify(run1));
    const shown = await page.getByTestId('spike-count').textContent();
    check(
      'spike count shown equals the worker’s result',
      run1 !== null && shown === run1.spikes.toLocaleString('en-US'),
      `shown ${shown}, worker ${run1?.spikes}`,
    );
    check('raster holds every spike (no sources in CUBA)', run1?.recorded === run1?.spikes);
    await page.waitForTimeout(300); // a late progress report must not overwrite the result's status
    const status1 = (await page.locator('#run-status').textContent()) ?? '';
    check('the status ends with the run: Done', status1.startsWith('Done: '), status1);
    const px = await rasterPixels(page);
    check(
      'raster canvas has coloured points inside the plot box',
      px.coloured > 1000,
      `${px.coloured} of ${px.box} px`,
    );
    await page.screenshot({ path: join(shots, 'simulate.png'), fullPage: true });

    // 2. Zoom with the wheel, then keyboard pan: still drawn, fewer spikes in view.
    const over = page.locator('.plot.raster .u-over');
    const ob = (await over.boundingBox())!;
    await page.mouse.move(ob.x + ob.width * 0.3, ob.y + ob.height * 0.5);
    await page.mouse.wheel(0, -600);
    await page.waitForTimeout(100);
    const zoomed = await page.evaluate(() => window.__spikelab.raster.lastDraw);
    check(
      'wheel zoom redraws a smaller window',
      zoomed !== null && zoomed.inWindow < (run1?.recorded ?? 0),
      JSON.stringify(zoomed),
    );
    await page.locator('.plot.raster').focus();
    await page.keyboard.press('ArrowRight');
    await page.screenshot({ path: join(shots, 'simulate-zoomed.png'), fullPage: false });
    await page.keyboard.press('0');

    // 3. Cancel stops a long run.
    await page.getByLabel('Duration (ms)', { exact: true }).fill('600000');
    await page.getByLabel('Platform', { exact: true }).selectOption('none');
    const runsBefore = await page.evaluate(() => window.__spikelab.runs);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.waitForFunction(
      () => document.getElementById('run-status')?.textContent?.startsWith('Simulating'),
      null,
      { timeout: 30_000 },
    );
    // while the worker simulates, the page's own thread should stay free: timer lag over 1 s
    const lag = await page.evaluate(async () => {
      const lags: number[] = [];
      const end = performance.now() + 1000;
      while (performance.now() < end) {
        const t = performance.now();
        await new Promise((r) => setTimeout(r, 20));
        lags.push(performance.now() - t - 20);
      }
      return Math.max(...lags);
    });
    console.log(
      `  page thread during a run: worst setTimeout(20 ms) lag ${lag.toFixed(1)} ms over 1 s`,
    );
    const tCancel = performance.now();
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await page.waitForFunction((n) => window.__spikelab.runs > n, runsBefore, { timeout: 15_000 });
    const cancelMs = performance.now() - tCancel;
    const run2 = await page.evaluate(() => window.__spikelab.lastRun);
    check(
      'Cancel stops a 600 s run early',
      run2?.stopped === true && run2.durationMs < 600_000,
      `stopped at ${run2?.durationMs} ms simulated, ${cancelMs.toFixed(0)} ms after the click`,
    );
    check(
      'Run is enabled again after Cancel',
      await page.getByRole('button', { name: 'Run', exact: true }).isEnabled(),
    );

    // 4. One million spikes: CUBA 4,000 at dt 1 ms for 50 s (≈ 5.7 Hz × 4,000 × 50 s).
    await runWith(page, { 'Duration (ms)': '50000', 'Time step dt (ms)': '1' }, 90_000);
    const big = await page.evaluate(() => window.__spikelab.lastRun);
    check(
      'the 50 s run produced ≥ 1,000,000 spikes',
      (big?.recorded ?? 0) >= 1_000_000,
      `${big?.recorded}`,
    );
    const bigPx = await rasterPixels(page);
    check('the million-spike raster is drawn', bigPx.coloured > 10_000, `${bigPx.coloured} px`);
    // the same draw again, timed end to end in the page: rasterise + composite + axes, then the next frame
    const redraw = await page.evaluate(async () => {
      const times: number[] = [];
      const frames: number[] = [];
      const btn = document.querySelector<HTMLButtonElement>('[data-act="reset"]')!;
      for (let i = 0; i < 5; i++) {
        document.querySelector<HTMLButtonElement>('[data-act="in"]')!.click();
        const t = performance.now();
        btn.click(); // full view: all spikes
        times.push(performance.now() - t);
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        frames.push(performance.now() - t);
      }
      return { times, frames, inner: window.__spikelab.raster.lastDraw };
    });
    const zooms = await page.evaluate(async () => {
      const box = document.querySelector('.plot.raster .u-over')!.getBoundingClientRect();
      const times: number[] = [];
      for (let i = 0; i < 8; i++) {
        const ev = new WheelEvent('wheel', {
          deltaY: i < 4 ? -250 : 250,
          clientX: box.left + box.width * 0.4,
          clientY: box.top + box.height / 2,
          bubbles: true,
          cancelable: true,
        });
        const t = performance.now();
        document.querySelector('.plot.raster .u-over')!.dispatchEvent(ev);
        times.push(performance.now() - t);
        await new Promise((r) => requestAnimationFrame(() => r(null)));
      }
      return times;
    });
    console.log(
      `  raster, ${big?.recorded.toLocaleString('en-US')} spikes: first draw (setData → canvas) ${big?.rasterSetDataMs.toFixed(1)} ms;` +
        ` full redraw median ${median(redraw.times).toFixed(1)} ms (to next frame ${median(redraw.frames).toFixed(1)} ms;` +
        ` rasterise + composite ${redraw.inner?.drawMs.toFixed(1)} ms); wheel-zoom redraw median ${median(zooms).toFixed(1)} ms, max ${Math.max(...zooms).toFixed(1)} ms`,
    );
    await page.screenshot({ path: join(shots, 'simulate-1m-spikes.png'), fullPage: false });

    // 5. Bad input gives a message naming the problem; the page keeps working.
    const fileInput = page.locator('#network-file');
    await fileInput.setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{ "populations": ['),
    });
    await runWith(page, {});
    let err = (await page.locator('#run-error').textContent()) ?? '';
    check('not JSON: message names the file', /broken\.json: not valid JSON/.test(err), err);
    const wrong = JSON.parse(networkToJson(cuba({ n: 100 })));
    wrong.populations[0].size = -4;
    await fileInput.setInputFiles({
      name: 'wrong.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(wrong)),
    });
    await runWith(page, {});
    err = (await page.locator('#run-error').textContent()) ?? '';
    check(
      'wrong schema: message names the field',
      err.includes('wrong.json.populations.0.size: got -4'),
      err,
    );
    await page.screenshot({ path: join(shots, 'simulate-bad-file.png'), fullPage: false });
    await page.getByLabel('Model', { exact: true }).selectOption('cuba');
    await runWith(page, { Neurons: '2000000', 'Duration (ms)': '100' });
    err = (await page.locator('#run-error').textContent()) ?? '';
    check(
      'too large: refused from the memory estimate',
      /Too large for the page: .*2,000,000 neurons/.test(err),
      err,
    );

    // 5b. A NIR file (snnTorch's braille network) opens in the Simulate view: dt is asked for.
    await fileInput.setInputFiles({
      name: 'braille.nir',
      mimeType: 'application/octet-stream',
      buffer: readFileSync(new URL('../data/nir/braille_noDelay_bias_zero.nir', import.meta.url)),
    });
    await runWith(page, { 'Time step dt (ms)': '' });
    err = (await page.locator('#run-error').textContent()) ?? '';
    check(
      'a NIR file without dt: the form asks for it',
      err.includes('Time step dt: missing'),
      err,
    );
    await runWith(page, { 'Time step dt (ms)': '0.1', 'Duration (ms)': '50' });
    const nirRun = await page.evaluate(() => ({
      run: window.__spikelab.lastRun,
      error: window.__spikelab.lastError,
    }));
    const nirTitle = (await page.locator('#run-title').textContent()) ?? '';
    check(
      'a NIR file runs (38 + 7 CubaLIF neurons, all 2,166 weights of the file)',
      nirRun.error === null &&
        nirTitle.includes('braille.nir') &&
        nirTitle.includes('45 neurons, 2,166 synapses'),
      `${nirTitle} ${JSON.stringify(nirRun.error)}`,
    );

    // 6. Drag and drop a network file, then run it.
    const good = networkToJson(cuba({ n: 500, dt: 0.1, seed: 3 }));
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'small-cuba.json', { type: 'application/json' }));
      document.body.dispatchEvent(
        new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }),
      );
      document.body.dispatchEvent(
        new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }),
      );
    }, good);
    await runWith(page, { 'Duration (ms)': '500' });
    const dropped = await page.evaluate(() => ({
      run: window.__spikelab.lastRun,
      error: window.__spikelab.lastError,
    }));
    const title = (await page.locator('#run-title').textContent()) ?? '';
    check(
      'a dropped network file runs (500 neurons)',
      dropped.error === null && title.includes('500 neurons'),
      `${title} ${JSON.stringify(dropped.error)}`,
    );
    await page.screenshot({ path: join(shots, 'simulate-dropped-file.png'), fullPage: true });

    // 7. Lecture view: XOR regions trained in the worker, activations with their derivatives.
    await page.getByRole('tab', { name: 'Lecture' }).click();
    await page.waitForFunction(
      () =>
        window.__spikelab.lecture?.curves === 5 &&
        window.__spikelab.lecture.xorAccuracy.length === 2,
      null,
      { timeout: 30_000 },
    );
    const lecture = await page.evaluate(() => window.__spikelab.lecture!);
    check(
      'XOR: the ReLU network gets 4 of 4, logistic regression at most 3 of 4',
      lecture.xorAccuracy[1] === 1 && lecture.xorAccuracy[0]! <= 0.75,
      `accuracies ${lecture.xorAccuracy.join(', ')}`,
    );
    const heat = await page.evaluate(() => {
      const c = document.querySelectorAll<HTMLCanvasElement>('.heatmap canvas')[1]!;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let tinted = 0;
      for (let i = 0; i < d.length; i += 4)
        if (d[i + 3]! > 0 && Math.abs(d[i]! - d[i + 2]!) > 40) tinted++;
      return tinted;
    });
    check(
      'the ReLU network’s decision regions are drawn (tinted pixels)',
      heat > 10_000,
      `${heat} px`,
    );
    await page.screenshot({ path: join(shots, 'lecture.png'), fullPage: true });
    await lectureChecks(page, shots);

    // 8. Compare view: a saved report drawn, bad reports named, comparisons run in the worker,
    //    the report's spiking network simulated.
    await compareChecks(page, shots);

    // 9. Train view: a spiking network trained directly in its own worker.
    await trainChecks(page, shots);

    // 10. The engine on Web Worker threads: the page cross-origin isolated, 2 threads as 1.
    await threadChecks(page);

    check('no page or console errors', errors.length === 0, errors.join(' | '));
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(
    `web e2e: ${failed() === 0 ? 'passed' : `${failed()} check(s) failed`} in ${((performance.now() - t0) / 1000).toFixed(1)} s; screenshots in ${shots}`,
  );
  if (failed() > 0) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
