/**
 * One comparison for the page, through the harness's own `compare`: load the
 * data set, then its stages (train, convert, map, simulate, deploy, price, report), with progress
 * from the harness's callbacks. `compare` runs synchronously, so a stop
 * request is honoured inside those callbacks (between training batches and
 * between test samples) by ending the run with CANCELLED.
 */
import { SpikelabError } from '../../src/core/errors.ts';
import type { Dataset } from '../../src/data/dataset.ts';
import { compare } from '../../src/harness/compare.ts';
import type { CompareReport } from '../../src/harness/report/schema.ts';
import { settingsFor } from '../../src/harness/train-rate.ts';
import type { CompareProgress, CompareRequest, PageDataset } from './compare-request.ts';

export type DatasetLoader = (name: PageDataset) => Promise<Dataset>;

export interface CompareControl {
  loadDataset: DatasetLoader;
  onProgress?: (p: CompareProgress, force: boolean) => void;
  shouldStop?: () => boolean;
}

export async function runComparison(
  req: CompareRequest,
  ctl: CompareControl,
): Promise<CompareReport> {
  const report = (p: CompareProgress, force = false) => ctl.onProgress?.(p, force);
  const stopHere = (where: string) => {
    if (ctl.shouldStop?.()) throw new SpikelabError('CANCELLED', `comparison cancelled ${where}`);
  };
  report({ stage: 'loading', done: 0, total: 0 }, true);
  const dataset = await ctl.loadDataset(req.dataset);
  stopHere('after loading the data set');
  const training = req.epochs === undefined ? {} : { epochs: req.epochs };
  const epochs = settingsFor(dataset.name, training).epochs;
  let loss: number | undefined;
  const run = compare(
    dataset,
    {
      ...(req.timesteps !== undefined && { timesteps: req.timesteps }),
      ...(req.encoding !== undefined && { encoding: req.encoding }),
      ...(req.samples !== undefined && { samples: req.samples }),
      ...(req.seed !== undefined && { seed: req.seed }),
      includeNetwork: req.includeNetwork ?? true,
      training,
    },
    {
      onStage: (stage) => {
        stopHere(`before ${stage}`);
        report({ stage, done: 0, total: 0 }, true);
      },
      onBatch: (epoch, batch, batches) => {
        stopHere(`in training epoch ${epoch}`);
        const p = {
          stage: 'train' as const,
          done: (epoch - 1) * batches + batch,
          total: epochs * batches,
        };
        report(loss === undefined ? p : { ...p, loss });
      },
      onEpoch: (e) => {
        loss = e.loss;
      },
      onSample: (done, total, network) => {
        stopHere(`after ${done} of ${total} test samples`);
        report({ stage: 'simulate', done, total, network }, done === total);
      },
      onChipSample: (done, total, network) => {
        stopHere(`after ${done} of ${total} samples on the TrueNorth deployment`);
        report({ stage: 'deploy', done, total, network }, done === total);
      },
    },
  );
  return run.report;
}
