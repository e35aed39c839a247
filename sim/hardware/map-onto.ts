/** One entry point for every platform: TrueNorth through its constraint transform, the others directly. */

import { type MapOptions, type MappedNetwork, mapNetwork } from './map.ts';
import type { NetworkShape } from './network-shape.ts';
import type { Platform } from './platform.ts';
import { mapToTrueNorth, type TrueNorthOptions } from './truenorth/map/map.ts';

export interface MapOntoOptions extends Omit<MapOptions, 'relays'> {
  /** TrueNorth only: `transform` (default) or `reject`, and the weight scale. */
  readonly truenorth?: Pick<TrueNorthOptions, 'mode' | 'weightScale'>;
}

export function mapOnto(
  net: NetworkShape,
  platform: Platform,
  options: MapOntoOptions = {},
): MappedNetwork {
  const { truenorth, ...common } = options;
  if (platform.id === 'truenorth')
    return mapToTrueNorth(net, { ...common, ...truenorth, platform });
  return mapNetwork(net, platform, common);
}
