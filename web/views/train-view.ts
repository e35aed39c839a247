/**
 * The Train view: a spiking network trained directly (surrogate-gradient
 * BPTT) in a worker of its own, on Yin-Yang, digits or Randman. The loss
 * and accuracy curves grow batch by batch; after each epoch, one test
 * sample's raster through every layer. Cancel ends the worker; at the end
 * the model can be saved (the CLI's SNN model file).
 */
import * as Comlink from 'comlink';
import { LinePlot } from '../plots/line-plot.ts';
import { RasterPlot } from '../plots/raster-plot.ts';
import type { TrainWorkerApi } from '../train.worker.ts';
import { h, num } from '../ui/dom.ts';
import { field, numberInput, readNumber, select } from '../ui/form.ts';
import type { TrainDataset, TrainProgress } from '../worker/train.ts';

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd'];

export function mountTrain(panel: HTMLElement): void {
  const dataset = select(
    'train-dataset',
    [
      ['yinyang', 'Yin-Yang (3 classes, 4 inputs)'],
      ['digits', 'digits (8×8, 10 classes)'],
      ['randman', 'Randman (spike timing only, 10 classes)'],
    ],
    'yinyang',
  );
  const epochs = numberInput('train-epochs', 3, { min: '1', max: '200', step: '1' });
  const hidden = numberInput('train-hidden', 64, { min: '1', max: '1000', step: '1' });
  const start = h('button', { type: 'button', id: 'train-start', text: 'Start training' });
  const cancel = h('button', {
    type: 'button',
    id: 'train-cancel',
    text: 'Cancel training',
    disabled: true,
  });
  const save = h('a', { id: 'train-save', class: 'button', hidden: true, text: 'Save model' });
  const status = h('p', { id: 'train-status', role: 'status', text: 'Not started.' });
  const lossBox = h('div', { id: 'train-loss', class: 'plot' });
  const accBox = h('div', { id: 'train-accuracy', class: 'plot' });
  const rasterTitle = h('h3', { text: 'one test sample after each epoch' });
  const rasterBox = h('div', { id: 'train-raster', class: 'plot' });
  panel.append(
    h('h2', { text: 'Train a spiking network directly' }),
    h('p', {
      text: 'Backpropagation through time with a surrogate derivative of the spike, as snnTorch trains; the forward pass is the engine’s LIF dynamics, so the trained network runs unchanged in the simulator.',
    }),
    h(
      'form',
      { class: 'form', id: 'train-form' },
      field('data set', dataset),
      field('epochs', epochs),
      field('hidden LIF neurons', hidden),
      h('div', { class: 'buttons' }, start, cancel, save),
    ),
    status,
    lossBox,
    accBox,
    rasterTitle,
    rasterBox,
  );
  const lossPlot = new LinePlot(lossBox, { height: 180, xLabel: 'batch', yLabel: 'loss' });
  const accPlot = new LinePlot(accBox, {
    height: 180,
    xLabel: 'batch',
    yLabel: 'accuracy',
    yRange: [0, 1],
  });
  const raster = new RasterPlot(rasterBox, { height: 220 });

  let worker: Worker | null = null;
  let remote: Comlink.Remote<TrainWorkerApi> | null = null;
  const end = () => {
    remote?.[Comlink.releaseProxy]();
    worker?.terminate();
    worker = null;
    remote = null;
    start.disabled = false;
    cancel.disabled = true;
  };

  // progress already on its way from an ended worker must not overwrite the page
  let current = 0;
  cancel.addEventListener('click', () => {
    current++;
    end();
    status.textContent = 'Cancelled.';
  });

  start.addEventListener('click', async () => {
    const e = readNumber(epochs, 'epochs');
    const n = readNumber(hidden, 'hidden LIF neurons');
    if (e === undefined || n === undefined || e < 1 || n < 1) {
      status.textContent = 'epochs and hidden neurons: allowed: integers ≥ 1';
      return;
    }
    end();
    save.hidden = true;
    start.disabled = true;
    cancel.disabled = false;
    const xs: number[] = [];
    const loss: number[] = [];
    const acc: number[] = [];
    const testX: number[] = [];
    const testAcc: number[] = [];
    let step = 0;
    status.textContent = 'Training…';
    worker = new Worker(new URL('../train.worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('error', (ev) => {
      status.textContent = `The training worker failed: ${ev.message || 'it could not start'}`;
      end();
    });
    remote = Comlink.wrap<TrainWorkerApi>(worker);
    let batches = 1;
    const drawCurves = (perEpoch: number) => {
      batches = perEpoch;
      const x = Float64Array.from(xs);
      // the whole run's width from the first point: a one-point range has no axis
      const range: [number, number] = [0, e * batches];
      lossPlot.setData(x, [{ label: 'loss', colour: COLOURS[0]!, values: loss }], range);
      // uPlot's gaps are nulls: the test accuracy is known at epoch ends only
      const test = xs.map((v) => {
        const k = testX.findIndex((t) => t >= v);
        return k < 0 ? null : testAcc[k]!;
      });
      accPlot.setData(
        x,
        [
          { label: 'train batch', colour: COLOURS[1]!, values: acc },
          { label: 'test (after each epoch)', colour: COLOURS[2]!, values: test as number[] },
        ],
        range,
      );
    };
    const run = ++current;
    const onProgress = (p: TrainProgress) => {
      if (run !== current) return;
      if (p.kind === 'batch') {
        step = (p.epoch - 1) * p.batches + p.batch;
        xs.push(step);
        loss.push(p.loss);
        acc.push(p.accuracy);
        status.textContent = `epoch ${p.epoch}, batch ${p.batch}/${p.batches}: loss ${num(p.loss)}, accuracy ${num(100 * p.accuracy)} %, ${num(p.spikesPerSample)} spikes per sample`;
        drawCurves(p.batches);
        return;
      }
      testX.push(step);
      testAcc.push(p.testAccuracy);
      drawCurves(batches);
      const r = p.raster;
      const ticks: number[] = [];
      const ids: number[] = [];
      let offset = 0;
      const populations = r.spikes.map((layer, l) => {
        const size = r.sizes[l]!;
        for (const k of layer) {
          ticks.push(Math.floor(k / size));
          ids.push(offset + (k % size));
        }
        const pop = {
          label: l < r.sizes.length - 1 ? `hidden ${l + 1}` : 'output',
          offset,
          size,
          colour: COLOURS[l % 4]!,
        };
        offset += size;
        return pop;
      });
      const order = ticks.map((_, i) => i).sort((a, b) => ticks[a]! - ticks[b]!);
      raster.setData({
        ticks: Uint32Array.from(order, (i) => ticks[i]!),
        ids: Uint32Array.from(order, (i) => ids[i]!),
        dt: 1,
        durationMs: r.ticks,
        populations,
      });
      rasterTitle.textContent = `test sample 0 (class ${r.label}) after epoch ${p.epoch}: test accuracy ${num(100 * p.testAccuracy)} %`;
    };
    try {
      const result = await remote.train(
        { dataset: dataset.value as TrainDataset, epochs: e, hidden: n, seed: 0 },
        Comlink.proxy(onProgress),
      );
      status.textContent = `Done: test accuracy ${num(100 * result.testAccuracy)} % after ${num(result.seconds)} s.`;
      const url = URL.createObjectURL(new Blob([result.modelText], { type: 'application/json' }));
      save.setAttribute('href', url);
      save.setAttribute('download', `snn-${dataset.value}.json`);
      save.hidden = false;
    } catch (err) {
      if (remote) status.textContent = `Training failed: ${(err as Error).message}`;
    } finally {
      if (remote) end();
    }
  });
}
