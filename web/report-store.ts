/**
 * The comparison report the page holds (loaded from a file or run in the
 * worker): the Compare view draws it, the Simulate view offers its spiking
 * network. One value, with listeners; no framework.
 */
import { parseReport } from '../src/harness/report/read.ts';
import type { CompareReport, NetworkEntry } from '../src/harness/report/schema.ts';

export interface HeldReport {
  report: CompareReport;
  /** Where it came from: a file name, or "run in the browser". */
  source: string;
}

type Listener = (r: HeldReport | null) => void;

let held: HeldReport | null = null;
const listeners = new Set<Listener>();

export function currentReport(): HeldReport | null {
  return held;
}

export function setReport(r: HeldReport | null): void {
  held = r;
  for (const l of listeners) l(r);
}

export function onReport(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Reads a chosen or dropped file as a report; the message names the file and the field at fault. */
export async function readReportFile(f: File): Promise<HeldReport> {
  let text: string;
  try {
    text = await f.text();
  } catch (e) {
    throw Object.assign(new Error(`${f.name}: cannot read (${(e as Error).message})`), {
      code: 'INVALID_FILE',
    });
  }
  return { report: parseReport(text, f.name), source: f.name };
}

/** True when parsed JSON is a comparison report (any version) rather than a network file (a dropped file may be either). */
export function looksLikeReport(data: unknown): boolean {
  if (data === null || typeof data !== 'object') return false;
  return 'networks' in data || ('ann' in data && 'snn' in data);
}

/** The spiking network a report offers to the Simulate view: the first that holds its network, else the first spiking one. */
export function offeredNetwork(r: CompareReport): NetworkEntry | null {
  const spiking = r.networks.filter((n) => n.spiking);
  return spiking.find((n) => n.spiking!.spikingNetwork) ?? spiking[0] ?? null;
}
