/** The page: tabs over the views; the worker behind them starts at once. */
import { installHooks } from './page-hooks.ts';
import { simWorker, workerFailure } from './sim-client.ts';
import { h } from './ui/dom.ts';
import { tabs } from './ui/tabs.ts';
import { mountCompare } from './views/compare-view.ts';
import { mountLecture } from './views/lecture-view.ts';
import { mountSimulate, type SimulateView } from './views/simulate-view.ts';
import { mountTrain } from './views/train-view.ts';

async function start(): Promise<void> {
  const hooks = installHooks();
  const nav = document.getElementById('nav')!;
  const main = document.getElementById('main')!;
  try {
    const catalog = await simWorker().catalog();
    let simulateView: SimulateView | null = null;
    const show = tabs(nav, main, [
      {
        id: 'simulate',
        title: 'Simulate',
        mount: (p) => {
          simulateView = mountSimulate(p, catalog, hooks);
        },
      },
      {
        id: 'compare',
        title: 'Compare',
        mount: (p) =>
          mountCompare(p, catalog, hooks, {
            simulateNetwork: (sample) => {
              show('simulate');
              simulateView?.runReportSample(sample);
            },
          }),
      },
      { id: 'lecture', title: 'Lecture', mount: (p) => mountLecture(p, hooks) },
      { id: 'train', title: 'Train', mount: (p) => mountTrain(p) },
    ]);
  } catch (e) {
    main.append(
      h('p', {
        class: 'error',
        role: 'alert',
        text: `The simulation worker did not start: ${workerFailure() ?? (e as Error).message}`,
      }),
    );
  }
  hooks.ready = true;
  window.__spikelabReady = true;
}

void start();
