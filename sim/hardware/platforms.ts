/** Platforms by name, for the CLI's `--platform` and the harness. */

import { unknownName } from '../../src/core/errors.ts';
import { loihi } from './loihi.ts';
import type { Platform } from './platform.ts';
import { spinnaker, spinnaker2 } from './spinnaker.ts';
import { truenorth } from './truenorth/platform.ts';

export const platforms: Readonly<Record<string, Platform>> = {
  truenorth,
  spinnaker,
  spinnaker2,
  loihi,
};

export function platform(name: string): Platform {
  const p = platforms[name];
  if (p === undefined) throw unknownName('platform', name, Object.keys(platforms));
  return p;
}
