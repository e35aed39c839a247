/**
 * The engine on Web Worker threads in the page: served as `spikelab web`
 * serves it, the page is cross-origin isolated; CUBA 30,000 for 200 ms at
 * seed 1 gives the same spikes on 2 threads as on 1 (the engine's spikes do
 * not depend on the thread count), and the status says the thread count.
 */
import type { Page } from 'playwright-core';
import type {} from '../../web/page-hooks.ts';
import { check, runWith } from './page-helpers.ts';

export async function threadChecks(page: Page): Promise<void> {
  const isolated = await page.evaluate(() => ({
    isolated: globalThis.crossOriginIsolated,
    cores: navigator.hardwareConcurrency,
  }));
  check('the page is cross-origin isolated (COOP, COEP)', isolated.isolated === true);
  await page.getByRole('tab', { name: 'Simulate' }).click();
  const base = {
    Model: 'cuba',
    Neurons: '30000',
    'Duration (ms)': '200',
    'Time step dt (ms)': '0.1',
    Platform: 'none',
  };
  // by id: other views have a field labelled Seed too
  await page.locator('#seed').fill('1');
  const runs: { spikes: number; status: string; ms: number }[] = [];
  for (const threads of ['1', '2']) {
    const t0 = performance.now();
    await runWith(page, { ...base, Threads: threads }, 120_000);
    const ms = performance.now() - t0;
    await page.waitForTimeout(300); // a late progress report must not overwrite the result's status
    runs.push({
      spikes: (await page.evaluate(() => window.__spikelab.lastRun?.spikes)) ?? -1,
      status: (await page.locator('#run-status').textContent()) ?? '',
      ms,
    });
  }
  const [one, two] = runs as [(typeof runs)[0], (typeof runs)[0]];
  console.log(
    `  CUBA 30,000, 200 ms: ${one.ms.toFixed(0)} ms on 1 thread, ${two.ms.toFixed(0)} ms on 2 (${isolated.cores} cores; run to drawn)`,
  );
  check(
    'CUBA 30,000, 200 ms, seed 1: 2 threads give 1 thread’s spike count',
    one.spikes > 10_000 && two.spikes === one.spikes,
    `${one.spikes} on 1, ${two.spikes} on 2`,
  );
  check(
    'the status says the threads: "simulated on 1 thread", "simulated on 2 threads" and no traces',
    one.status.includes('simulated on 1 thread;') &&
      two.status.includes('simulated on 2 threads (no membrane traces on threads:'),
    `${one.status} | ${two.status}`,
  );
  // blank again: the other checks run by the rule
  await page.getByLabel('Threads', { exact: true }).fill('');
}
