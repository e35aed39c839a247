/**
 * Writes a comparison report's files (Node only): the JSON report through
 * the schema's one writer, the accuracy-versus-time CSV and the Markdown
 * tables, named after the run's settings.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SpikelabError } from '../../core/errors.ts';
import { accuracyCsv, reportBaseName, reportMarkdown } from '../report/format.ts';
import { serializeReport } from '../report/read.ts';
import type { CompareReport } from '../report/schema.ts';

export interface WrittenReport {
  json: string;
  csv: string;
  markdown: string;
}

export function writeReportFiles(report: CompareReport, dir: string): WrittenReport {
  const base = join(dir, reportBaseName(report));
  const files = { json: `${base}.json`, csv: `${base}.csv`, markdown: `${base}.md` };
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(files.json, serializeReport(report));
    writeFileSync(files.csv, accuracyCsv(report));
    writeFileSync(files.markdown, reportMarkdown(report));
  } catch (e) {
    if (e instanceof SpikelabError) throw e;
    throw new SpikelabError(
      'INVALID_FILE',
      `--out: cannot write to ${dir} (${(e as Error).message})`,
    );
  }
  return files;
}
