/** The lecture's graph presets: their formulas and editable inputs (plain data, shared by page and worker). */

export const GRAPH_PRESETS = ['tiny', 'logistic', 'relu-layer'] as const;
export type GraphPreset = (typeof GRAPH_PRESETS)[number];

export interface PresetInfo {
  id: GraphPreset;
  title: string;
  formula: string;
  /** The inputs the user may edit, in order, with their default values. */
  inputs: { name: string; value: number; trainable: boolean }[];
}

export const presetInfo: readonly PresetInfo[] = [
  {
    id: 'tiny',
    title: 'The tiny example',
    formula: 'ẑ = x·y, J = ½(ẑ − z)²',
    inputs: [
      { name: 'x', value: 1, trainable: true },
      { name: 'y', value: 2, trainable: true },
      { name: 'z', value: 3, trainable: false },
    ],
  },
  {
    id: 'logistic',
    title: 'Logistic regression',
    formula: 'p = σ(w·x + b), J = −log p (t = 1) or −log(1 − p) (t = 0)',
    inputs: [
      { name: 'x1', value: 1, trainable: false },
      { name: 'x2', value: -1, trainable: false },
      { name: 'w1', value: 0.5, trainable: true },
      { name: 'w2', value: 0.25, trainable: true },
      { name: 'b', value: 0.1, trainable: true },
      { name: 't', value: 1, trainable: false },
    ],
  },
  {
    id: 'relu-layer',
    title: 'A ReLU layer',
    formula: 'h = ReLU(xW + b), J = ½‖h − t‖²',
    inputs: [
      { name: 'x1', value: 1, trainable: false },
      { name: 'x2', value: 2, trainable: false },
      { name: 'w11', value: 0.5, trainable: true },
      { name: 'w12', value: -1, trainable: true },
      { name: 'w21', value: 0.25, trainable: true },
      { name: 'w22', value: 0.5, trainable: true },
      { name: 'b1', value: 0, trainable: true },
      { name: 'b2', value: 0.5, trainable: true },
      { name: 't1', value: 2, trainable: false },
      { name: 't2', value: 0, trainable: false },
    ],
  },
];
