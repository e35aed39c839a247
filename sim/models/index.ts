/** The built-in reference networks, by name. */
import { unknownName } from '../../src/core/errors.ts';
import type { NetworkSpec } from '../network/spec.ts';
import { brunel } from './brunel.ts';
import { coba } from './coba.ts';
import { cuba } from './cuba.ts';

export { brunel, coba, cuba };

export interface ReferenceOptions {
  /** Neurons (cuba, coba). */
  n?: number;
  /** Size factor (brunel). */
  scale?: number;
  dt?: number;
  seed?: number;
  /** brunel only. */
  vReset?: number;
}

export const referenceModels = ['cuba', 'coba', 'brunel'] as const;
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
    default:
      throw unknownName('model', name, referenceModels);
  }
}
