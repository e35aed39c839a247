/** The built-in data sets, by the name the CLI and the API use. */
export const DATASET_NAMES = [
  'xor',
  'moons',
  'iris',
  'digits',
  'mnist',
  'mnist-full',
  'dogs',
  'yinyang',
  'randman',
] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];
