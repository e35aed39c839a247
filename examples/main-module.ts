/** True when the file that calls it is the script being run (`npx tsx examples/x.ts`), not an import. */
import { fileURLToPath } from 'node:url';

export function isMain(url: string): boolean {
  return process.argv[1] !== undefined && fileURLToPath(url) === process.argv[1];
}
