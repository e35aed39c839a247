/** The built-in reference networks, by name. */
import { invalid, unknownName } from '../../src/core/errors.ts';
import type { NetworkSpec } from '../network/spec.ts';
import { brunel } from './brunel.ts';
import { coba } from './coba.ts';
import { cuba } from './cuba.ts';
import { microcircuit } from './microcircuit.ts';

export { brunel, coba, cuba, microcircuit };

export interface ReferenceOptions {
  /** Neurons (cuba, coba). */
  n?: number;
  /** Size factor (brunel; microcircuit, in (0, 1], in-degrees kept). */
  scale?: number;
  dt?: number;
  seed?: number;
  /** brunel only. */
  vReset?: number;
}

export const referenceModels = ['cuba', 'coba', 'brunel', 'microcircuit'] as const;
export type ReferenceModel = (typeof referenceModels)[number];

export function referenceNetwork(name: string, o: ReferenceOptions = {}): NetworkSpec {
  const common = {
    ...(o.dt !== undefined && { dt: o.dt }),
    ...(o.seed !== undefined && { seed: o.seed }),
  };
  switch (name) {
    case 'cuba':
      return cuba({ ...common, ...(o.n !== undefined && { n: o.n }) });
    case 'coba':
      return coba({ ...common, ...(o.n !== undefined && { n: o.n }) });
    case 'brunel':
      return brunel({
        ...common,
        ...(o.scale !== undefined && { scale: o.scale }),
        ...(o.vReset !== undefined && { vReset: o.vReset }),
      });
    case 'microcircuit':
      return microcircuit({ ...common, ...(o.scale !== undefined && { scale: o.scale }) });
    default:
      throw unknownName('model', name, referenceModels);
  }
}

/**
 * Which size flags each reference model takes, checked under their CLI names
 * (`--n`, `--scale`, `--v-reset`) before anything is built.
 */
export function checkReferenceFlags(
  target: string,
  f: { n?: number | undefined; scale?: number | undefined; vReset?: number | undefined },
): void {
  if (f.n !== undefined && target !== 'cuba' && target !== 'coba')
    throw invalid('--n', f.n, 'only with cuba or coba');
  if (f.scale !== undefined && target !== 'brunel' && target !== 'microcircuit')
    throw invalid('--scale', f.scale, 'only with brunel or microcircuit');
  if (f.scale !== undefined && target === 'microcircuit' && !(f.scale > 0 && f.scale <= 1))
    throw invalid(
      '--scale',
      f.scale,
      'a fraction in (0, 1] for microcircuit (1: the full 77,169 neurons; in-degrees are kept)',
    );
  if (f.vReset !== undefined && target !== 'brunel')
    throw invalid('--v-reset', f.vReset, 'only with brunel');
}
