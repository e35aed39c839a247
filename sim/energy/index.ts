/** Cost tables by name, for the CLI (`--platform`) and the comparison harness. */

import { unknownName } from '../../src/core/errors.ts';
import { acceleratorEnergy, cpuEnergy } from './conventional.ts';
import type { EnergyTable } from './cost-table.ts';
import { loihiEnergy } from './loihi.ts';
import { spinnaker1Energy, spinnaker2Energy, spinnaker2PrototypeEnergy } from './spinnaker.ts';
import { truenorthEnergy } from './truenorth.ts';

export { acceleratorEnergy, cpuEnergy } from './conventional.ts';
export * from './cost-table.ts';

export const energyTables: Readonly<Record<string, EnergyTable>> = {
  truenorth: truenorthEnergy,
  spinnaker: spinnaker1Energy,
  spinnaker2: spinnaker2Energy,
  'spinnaker2-prototype-2019': spinnaker2PrototypeEnergy,
  loihi: loihiEnergy,
  cpu: cpuEnergy,
  accelerator: acceleratorEnergy,
};

export function energyTable(name: string): EnergyTable {
  const t = energyTables[name];
  if (t === undefined) throw unknownName('energy table', name, Object.keys(energyTables));
  return t;
}
export * from './per-inference.ts';
