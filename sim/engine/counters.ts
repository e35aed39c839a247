/**
 * Event counts kept where the events happen, as plain numbers (Float64Array
 * slots: exact integers up to 2^53). Energy and NeuroBench metrics are
 * computed from these afterwards, never inside the loop.
 */
export interface PopulationCounts {
  label: string;
  neuronUpdates: number;
  spikes: number;
  /** Synaptic events received by the population (spike × target deliveries into it). */
  synapticEvents: number;
  /** Kicks of external Poisson input (the sum of the per-tick counts). */
  externalEvents: number;
}

export interface Counts {
  ticks: number;
  neuronUpdates: number;
  spikes: number;
  synapticEvents: number;
  externalEvents: number;
  populations: PopulationCounts[];
  projections: { label: string; synapticEvents: number }[];
}

export class Counters {
  readonly neuronUpdates: Float64Array;
  readonly spikes: Float64Array;
  readonly synapticEvents: Float64Array;
  readonly externalEvents: Float64Array;
  readonly projectionEvents: Float64Array;
  ticks = 0;

  constructor(
    readonly populationLabels: string[],
    readonly projectionLabels: string[],
  ) {
    const p = populationLabels.length;
    this.neuronUpdates = new Float64Array(p);
    this.spikes = new Float64Array(p);
    this.synapticEvents = new Float64Array(p);
    this.externalEvents = new Float64Array(p);
    this.projectionEvents = new Float64Array(projectionLabels.length);
  }

  clear(): void {
    this.ticks = 0;
    for (const a of [
      this.neuronUpdates,
      this.spikes,
      this.synapticEvents,
      this.externalEvents,
      this.projectionEvents,
    ])
      a.fill(0);
  }

  snapshot(): Counts {
    const sum = (a: Float64Array) => a.reduce((s, x) => s + x, 0);
    return {
      ticks: this.ticks,
      neuronUpdates: sum(this.neuronUpdates),
      spikes: sum(this.spikes),
      synapticEvents: sum(this.synapticEvents),
      externalEvents: sum(this.externalEvents),
      populations: this.populationLabels.map((label, i) => ({
        label,
        neuronUpdates: this.neuronUpdates[i]!,
        spikes: this.spikes[i]!,
        synapticEvents: this.synapticEvents[i]!,
        externalEvents: this.externalEvents[i]!,
      })),
      projections: this.projectionLabels.map((label, i) => ({
        label,
        synapticEvents: this.projectionEvents[i]!,
      })),
    };
  }
}

/** a − b, field by field: the counts of one run() call. */
export function subtractCounts(a: Counts, b: Counts): Counts {
  return {
    ticks: a.ticks - b.ticks,
    neuronUpdates: a.neuronUpdates - b.neuronUpdates,
    spikes: a.spikes - b.spikes,
    synapticEvents: a.synapticEvents - b.synapticEvents,
    externalEvents: a.externalEvents - b.externalEvents,
    populations: a.populations.map((p, i) => {
      const q = b.populations[i]!;
      return {
        label: p.label,
        neuronUpdates: p.neuronUpdates - q.neuronUpdates,
        spikes: p.spikes - q.spikes,
        synapticEvents: p.synapticEvents - q.synapticEvents,
        externalEvents: p.externalEvents - q.externalEvents,
      };
    }),
    projections: a.projections.map((p, i) => ({
      label: p.label,
      synapticEvents: p.synapticEvents - b.projections[i]!.synapticEvents,
    })),
  };
}
