/**
 * Parsers for scikit-learn's bundled CSV files (text in, Dataset out; no file
 * access, so the browser worker can use them too).
 */
import { SpikelabError } from '../../core/errors.ts';
import { type Dataset, makeDataset } from '../dataset.ts';

function bad(file: string, line: number, what: string): SpikelabError {
  return new SpikelabError('INVALID_FILE', `${file} line ${line}: ${what}`);
}

/** Rows of numbers: `features` values then the class index on each line. */
function parseRows(
  text: string,
  file: string,
  firstLine: number,
  features: number,
  classes: number,
) {
  const lines = text.split(/\r?\n/).filter((l, i) => i >= firstLine && l.trim() !== '');
  const x = new Float32Array(lines.length * features);
  const y = new Int32Array(lines.length);
  lines.forEach((line, i) => {
    const cells = line.split(',');
    const lineNo = firstLine + i + 1;
    if (cells.length !== features + 1)
      throw bad(file, lineNo, `${cells.length} values; allowed: ${features + 1}`);
    for (let j = 0; j < features; j++) {
      const v = Number(cells[j]);
      if (cells[j]!.trim() === '' || !Number.isFinite(v))
        throw bad(file, lineNo, `value ${j + 1} is ${JSON.stringify(cells[j])}; allowed: a number`);
      x[i * features + j] = v;
    }
    const c = Number(cells[features]);
    if (!(Number.isInteger(c) && c >= 0 && c < classes))
      throw bad(
        file,
        lineNo,
        `class ${JSON.stringify(cells[features])}; allowed: 0..${classes - 1}`,
      );
    y[i] = c;
  });
  return { x, y, n: lines.length };
}

/** iris.csv: a header `150,4,setosa,versicolor,virginica`, then 4 measurements (cm) and the class. */
export function parseIris(text: string): Dataset {
  const header = text.slice(0, text.indexOf('\n')).trim().split(',');
  const [count, features, ...classes] = header;
  if (Number(features) !== 4 || classes.length !== 3)
    throw bad(
      'iris.csv',
      1,
      `header ${JSON.stringify(header.join(','))}; allowed: n,4,<3 class names>`,
    );
  const { x, y, n } = parseRows(text, 'iris.csv', 1, 4, 3);
  if (n !== Number(count))
    throw bad('iris.csv', 1, `header says ${count} samples; the file has ${n}`);
  return makeDataset({
    name: 'iris',
    task: 'classification',
    inputShape: [4],
    features: 4,
    n,
    classes,
    x,
    y,
    splitRule: { kind: 'stratified', testFraction: 0.2 },
    source: 'Fisher 1936, UCI Iris (CC BY 4.0), via scikit-learn (BSD-3)',
  });
}

/** digits.csv: 64 pixels (0–16) of an 8×8 image then the digit, no header. Pixels are scaled to [0, 1]. */
export function parseDigits(text: string): Dataset {
  const { x, y, n } = parseRows(text, 'digits.csv', 0, 64, 10);
  for (let i = 0; i < x.length; i++) x[i] = x[i]! / 16;
  return makeDataset({
    name: 'digits',
    task: 'classification',
    inputShape: [8, 8],
    features: 64,
    n,
    classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    x,
    y,
    splitRule: { kind: 'stratified', testFraction: 0.2 },
    source:
      'UCI Optical Recognition of Handwritten Digits (Alpaydin & Kaynak 1998, CC BY 4.0), via scikit-learn (BSD-3)',
  });
}
