/**
 * Runs the comparison's stages one after another, recording each one's wall
 * and CPU seconds and announcing it first (for progress bars and the page).
 * What a stage returns is handed on; a stage that throws ends the run.
 */
import { Stopwatch } from '../stopwatch.ts';

/** The comparison's stages, in the order they run. */
export const STAGE_NAMES = [
  'load',
  'train',
  'convert',
  'map',
  'simulate',
  'deploy',
  'price',
  'report',
] as const;
export type StageName = (typeof STAGE_NAMES)[number];

export interface StageTime {
  readonly stage: StageName;
  readonly wallSeconds: number;
  readonly cpuSeconds: number | null;
}

export class StageRunner {
  private readonly times = new Map<StageName, Stopwatch>();
  private readonly total = new Stopwatch().start();

  constructor(private readonly onStage?: (stage: StageName) => void) {}

  run<T>(stage: StageName, work: () => T): T {
    this.onStage?.(stage);
    const watch = this.times.get(stage) ?? new Stopwatch();
    this.times.set(stage, watch);
    watch.start();
    try {
      return work();
    } finally {
      watch.stop();
    }
  }

  /** Every stage in pipeline order (those that did not run at 0 s), and the run's total so far. */
  summary(): { stages: StageTime[]; totalSeconds: number; cpuTotalSeconds: number | null } {
    this.total.stop();
    const stages = STAGE_NAMES.map((stage) => {
      const w = this.times.get(stage);
      return {
        stage,
        wallSeconds: w?.wall ?? 0,
        cpuSeconds: this.total.cpu === null ? null : (w?.cpu ?? 0),
      };
    });
    const result = { stages, totalSeconds: this.total.wall, cpuTotalSeconds: this.total.cpu };
    this.total.start();
    return result;
  }
}
