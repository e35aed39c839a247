/**
 * The Train view in the browser: a short training on Yin-Yang in the worker
 * draws the loss and accuracy curves and, after the epoch, the raster; the
 * model can then be saved; a second training is cancelled.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { check } from './page-helpers.ts';

export async function trainChecks(page: Page, shots: string): Promise<void> {
  await page.getByRole('tab', { name: 'Train' }).click();
  await page.locator('#train-dataset').selectOption('yinyang');
  await page.locator('#train-epochs').fill('1');
  await page.locator('#train-hidden').fill('16');
  await page.getByRole('button', { name: 'Start training', exact: true }).click();
  await page.waitForFunction(
    () => document.querySelector('#train-status')?.textContent?.startsWith('Done') === true,
    null,
    { timeout: 120_000 },
  );
  const status = (await page.locator('#train-status').textContent()) ?? '';
  const accuracy = Number(/test accuracy ([\d.]+) %/.exec(status)?.[1] ?? 'NaN');
  // one epoch of 4-16-3 on 5,000 samples: well above the third of chance
  check('Train view: one Yin-Yang epoch beats chance', accuracy > 45, status);
  const curves = await page.evaluate(() => ({
    loss: document.querySelectorAll('#train-loss canvas').length,
    accuracy: document.querySelectorAll('#train-accuracy canvas').length,
    raster: document.querySelectorAll('#train-raster canvas').length,
  }));
  check(
    'Train view: loss, accuracy and raster plots drawn',
    curves.loss > 0 && curves.accuracy > 0 && curves.raster > 0,
    JSON.stringify(curves),
  );
  check('Train view: the model can be saved', await page.locator('#train-save').isVisible());
  await page.screenshot({ path: join(shots, 'train.png'), fullPage: true });

  await page.locator('#train-epochs').fill('50');
  await page.getByRole('button', { name: 'Start training', exact: true }).click();
  await page.waitForFunction(
    () => document.querySelector('#train-status')?.textContent?.startsWith('epoch') === true,
    null,
    { timeout: 60_000 },
  );
  await page.getByRole('button', { name: 'Cancel training', exact: true }).click();
  const after = (await page.locator('#train-status').textContent()) ?? '';
  check('Train view: cancel stops the training', after === 'Cancelled.', after);
}
