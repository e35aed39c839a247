/**
 * Progress reports of one run, dropped once the run has ended. comlink
 * delivers a callback's calls on the callback's own MessagePort and the
 * result on the worker's, and two ports keep no order between them: a report
 * posted before the result may arrive after it, and would overwrite the
 * finished status ("Simulating: 10 %" beside the finished raster).
 */
export interface RunProgress<P> {
  /** Pass this (wrapped in Comlink.proxy) to the worker. */
  report: (p: P) => void;
  /** The run has ended (result, error or cancel): later reports are ignored. */
  end: () => void;
}

export function runProgress<P>(onProgress: (p: P) => void): RunProgress<P> {
  let live = true;
  return {
    report: (p) => {
      if (live) onProgress(p);
    },
    end: () => {
      live = false;
    },
  };
}
