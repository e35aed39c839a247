/// <reference types="vite/client" />
/**
 * The data sets the page compares on, loaded the browser's way: the vendored
 * files come through Vite (iris as text inside the bundle; digits as a gzip
 * asset, fetched and inflated with DecompressionStream) and are parsed by the
 * same browser-safe parsers the CLI uses (src/data, not src/data/node).
 */
import digitsUrl from '../../data/digits.csv.gz?url';
import irisText from '../../data/iris.csv?raw';
import { SpikelabError } from '../../src/core/errors.ts';
import { xorDataset } from '../../src/data/builtin/xor.ts';
import type { Dataset } from '../../src/data/dataset.ts';
import { parseDigits, parseIris } from '../../src/data/parse/sklearn-csv.ts';
import type { PageDataset } from './compare-request.ts';

/** The bytes of a gzip file as text; bytes a server already inflated (Content-Encoding) are taken as they are. */
async function gunzipText(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return new TextDecoder().decode(bytes);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}

async function digits(): Promise<Dataset> {
  const res = await fetch(digitsUrl);
  if (!res.ok)
    throw new SpikelabError(
      'INVALID_FILE',
      `digits.csv.gz: the page could not load it (HTTP ${res.status})`,
    );
  return parseDigits(await gunzipText(new Uint8Array(await res.arrayBuffer())));
}

export async function pageDataset(name: PageDataset): Promise<Dataset> {
  switch (name) {
    case 'xor':
      return xorDataset();
    case 'iris':
      return parseIris(irisText);
    case 'digits':
      return digits();
  }
}
