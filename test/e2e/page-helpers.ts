/** What the browser test's parts share: the check log, filling the Simulate form, counting plot pixels. */
import type { Page } from 'playwright-core';
import type {} from '../../web/page-hooks.ts';

let failures = 0;

export function check(what: string, ok: boolean, detail = ''): void {
  console.log(`${ok ? '  ok  ' : '  FAIL'} ${what}${detail ? ` — ${detail}` : ''}`);
  if (!ok) failures++;
}

export function failed(): number {
  return failures;
}

/** Fills the Simulate form's inputs by label and presses Run; waits for the run to finish. */
export async function runWith(
  page: Page,
  fields: Record<string, string>,
  timeoutMs = 60_000,
): Promise<void> {
  for (const [label, value] of Object.entries(fields)) {
    const el = page.getByLabel(label, { exact: true });
    if ((await el.evaluate((e) => e.tagName)) === 'SELECT') await el.selectOption(value);
    else await el.fill(value);
  }
  const before = await page.evaluate(() => window.__spikelab.runs + window.__spikelab.errors);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.waitForFunction((n) => window.__spikelab.runs + window.__spikelab.errors > n, before, {
    timeout: timeoutMs,
  });
}

/**
 * Pixels inside the plot box (uPlot's .u-over) of the plot in `selector`
 * whose colour is one of `colours` ("r,g,b"), counted per colour.
 */
export async function plotPixels(
  page: Page,
  selector: string,
  colours: string[],
): Promise<{ counts: number[]; box: number }> {
  return page.evaluate(
    ({ selector, colours }) => {
      const wrap = document.querySelector(selector)!;
      const canvas = wrap.querySelector('canvas')!;
      const over = wrap.querySelector('.u-over')!.getBoundingClientRect();
      const c = canvas.getBoundingClientRect();
      const k = canvas.width / c.width;
      const x = Math.round((over.left - c.left) * k);
      const y = Math.round((over.top - c.top) * k);
      const w = Math.round(over.width * k);
      const h = Math.round(over.height * k);
      const data = canvas.getContext('2d')!.getImageData(x, y, w, h).data;
      const counts = colours.map(() => 0);
      for (let i = 0; i < data.length; i += 4) {
        const j = colours.indexOf(`${data[i]},${data[i + 1]},${data[i + 2]}`);
        if (j >= 0) counts[j]!++;
      }
      return { counts, box: w * h };
    },
    { selector, colours },
  );
}

/** Exc and inh blue and vermillion, the first two population colours (web/plots/theme.ts). */
export const BLUE = '0,114,178';
export const VERMILLION = '213,94,0';
/** The third network's colour (populationColours[2], bluish green). */
export const GREEN = '0,158,115';

/** Pixels of the raster's plot box that carry a population colour. */
export async function rasterPixels(page: Page): Promise<{ coloured: number; box: number }> {
  const { counts, box } = await plotPixels(page, '.plot.raster', [BLUE, VERMILLION]);
  return { coloured: counts[0]! + counts[1]!, box };
}
