/** Number formats shared by the CLI's tables and the web page. */

const SI_JOULES: readonly [number, string][] = [
  [1, 'J'],
  [1e-3, 'mJ'],
  [1e-6, 'µJ'],
  [1e-9, 'nJ'],
  [1e-12, 'pJ'],
];

const SI_SECONDS: readonly [number, string][] = [
  [1, 's'],
  [1e-3, 'ms'],
  [1e-6, 'µs'],
  [1e-9, 'ns'],
];

/** Joules with an SI prefix and three significant digits: 0.00123 → "1.23 mJ". */
export function formatJoules(j: number): string {
  if (j === 0) return '0 J';
  for (const [scale, unit] of SI_JOULES)
    if (Math.abs(j) >= scale) return `${(j / scale).toPrecision(3)} ${unit}`;
  return `${(j / 1e-15).toPrecision(3)} fJ`;
}

/** Seconds with a unit and three significant digits: 0.00215 → "2.15 ms". */
export function formatSeconds(s: number): string {
  if (s === 0) return '0 s';
  for (const [scale, unit] of SI_SECONDS)
    if (Math.abs(s) >= scale) return `${(s / scale).toPrecision(3)} ${unit}`;
  return `${(s / 1e-12).toPrecision(3)} ps`;
}
