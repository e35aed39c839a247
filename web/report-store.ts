/**
 * The comparison report the page holds (loaded from a file or run in the
 * worker): the Compare view draws it, the Simulate view offers its spiking
 * network. One value, with listeners; no framework.
 */
import { type CompareReport, parseReport } from '../src/harness/report-schema.ts';

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

/** True when parsed JSON is a comparison report rather than a network file (a dropped file may be either). */
export function looksLikeReport(data: unknown): boolean {
  return data !== null && typeof data === 'object' && 'ann' in data && 'snn' in data;
}
