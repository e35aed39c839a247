/**
 * Where the bundled files live on disk (Node only): the repository's `data/`
 * folder and the installed npm packages.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SpikelabError } from '../../core/errors.ts';

/** The `data/` folder of the repository: the nearest ancestor folder holding data/README.md. */
export function dataDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'data');
    if (existsSync(join(candidate, 'README.md'))) return candidate;
    const up = dirname(dir);
    if (up === dir)
      throw new SpikelabError(
        'INVALID_FILE',
        'data/: the bundled data folder was not found above the installed sources',
      );
    dir = up;
  }
}

/** The folder of an installed npm package. */
export function packageDir(name: string): string {
  const require = createRequire(import.meta.url);
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    throw new SpikelabError('INVALID_FILE', `package ${name}: not installed (run npm ci)`);
  }
}
