/**
 * The Lecture view's new sections in the browser: the tiny example's
 * gradient table read off the page after stepping through backward; bad
 * inputs named next to their control; each figure screenshotted.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { check } from './page-helpers.ts';

/** Records the page's long tasks (> 50 ms on the main thread) from the first script on. */
export const longTaskObserver = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
`;

declare global {
  interface Window {
    __longTasks: { start: number; ms: number }[];
  }
}

/** Long tasks that started after `since` (page clock, ms). */
async function longTasksSince(page: Page, since: number): Promise<{ start: number; ms: number }[]> {
  return page.evaluate((t) => window.__longTasks.filter((e) => e.start >= t), since);
}

const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).first().textContent()) ?? '').trim();

async function graphChecks(page: Page, shots: string): Promise<void> {
  const card = page.locator('.graph-card');
  await card.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => window.__spikelab.lessons.graph?.preset === 'tiny', null, {
    timeout: 30_000,
  });
  // x = 1, y = 2, z = 3: J = ½(xy − z)² has ∂J/∂x = (xy − z)·y = −2 and ∂J/∂y = (xy − z)·x = −1
  await card.getByRole('button', { name: 'Backward step' }).click();
  const afterOne = await page.evaluate(() => window.__spikelab.lessons.graph!);
  check(
    'graph: one backward step fills the table below J only',
    afterOne.step === 1 && afterOne.grads['x'] === null && afterOne.grads['J']?.[0] === 1,
    JSON.stringify(afterOne.grads),
  );
  await card.getByRole('button', { name: 'All steps' }).click();
  const gx = await text(page, '#gradient-table [data-grad="x"]');
  const gy = await text(page, '#gradient-table [data-grad="y"]');
  check(
    'graph: the tiny example’s table reads ∂J/∂x = −2, ∂J/∂y = −1',
    gx === '-2' && gy === '-1',
    `x ${gx}, y ${gy}`,
  );
  const upd = await text(page, '#graph-update');
  check(
    'graph: the SGD step moves y to 2 − 0.1·(−1) = 2.1',
    upd.includes('y_new = y − η·∂J/∂y = 2 − 0.1·(-1) = 2.1'),
    upd,
  );
  const drawn = await page.locator('#graph-picture svg .graph-node').count();
  check('graph: 7 nodes drawn (x, y, z, ẑ, ẑ − z, its square, J)', drawn === 7, `${drawn}`);
  await card.screenshot({ path: join(shots, 'lecture-graph.png') });

  await page.locator('#graph-in-x').fill('one');
  await card.getByRole('button', { name: 'Record' }).click();
  await page.waitForFunction(
    () => document.querySelector('#graph-in-x-error [role=alert]') !== null,
  );
  const msg = await text(page, '#graph-in-x-error');
  check(
    'graph: a non-numeric input is named next to its field',
    /graph\.inputs\.x: got "one"/.test(msg),
    msg,
  );
  await page.locator('#graph-in-x').fill('1');
  await page.getByLabel('Expression').selectOption('logistic');
  await page.waitForFunction(() => window.__spikelab.lessons.graph?.preset === 'logistic');
  await card.getByRole('button', { name: 'All steps' }).click();
  await card.screenshot({ path: join(shots, 'lecture-graph-logistic.png') });
}

export async function lectureChecks(page: Page, shots: string): Promise<void> {
  const t0 = await page.evaluate(() => performance.now());
  await graphChecks(page, shots);
  const long = await longTasksSince(page, t0);
  const worst = Math.max(0, ...long.map((e) => e.ms));
  console.log(
    `  lecture: ${long.length} main-thread task(s) over 50 ms, longest ${worst.toFixed(0)} ms`,
  );
}
