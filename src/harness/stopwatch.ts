/**
 * Wall and CPU time of the harness's stages. CPU time (process.cpuUsage,
 * where the runtime has it: Node, not the browser) is the steadier figure
 * on a shared machine, where wall time also counts the time other processes
 * held the core.
 */
const host = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } })
  .process;

/** CPU seconds of this process so far, or null where the runtime cannot tell. */
export function cpuSeconds(): number | null {
  const u = host?.cpuUsage?.();
  return u ? (u.user + u.system) / 1e6 : null;
}

/** Accumulates wall and CPU seconds over start/stop intervals. */
export class Stopwatch {
  wall = 0;
  cpu: number | null = cpuSeconds() === null ? null : 0;
  private wall0 = 0;
  private cpu0 = 0;

  start(): this {
    this.wall0 = performance.now();
    this.cpu0 = cpuSeconds() ?? 0;
    return this;
  }

  stop(): this {
    this.wall += (performance.now() - this.wall0) / 1000;
    if (this.cpu !== null) this.cpu += (cpuSeconds() ?? 0) - this.cpu0;
    return this;
  }

  /** Adds another stopwatch's totals. */
  add(other: Stopwatch): this {
    this.wall += other.wall;
    if (this.cpu !== null) this.cpu += other.cpu ?? 0;
    return this;
  }
}
