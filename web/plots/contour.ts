/**
 * The level set f = level of values on a square grid, as line segments
 * (marching squares with linear interpolation along cell edges). Saddle
 * cells, where the two diagonals disagree, are split by the cell's mean.
 * Coordinates are in grid units: column c, row r (row 0 at the top).
 */

/** Segments as [c0, r0, c1, r1, …]. */
export function contour(
  values: ArrayLike<number>,
  cols: number,
  rows: number,
  level: number,
): number[] {
  const out: number[] = [];
  const at = (c: number, r: number) => values[r * cols + c]! - level;
  // where along an edge from a to b (values relative to level) the zero lies
  const t = (a: number, b: number) => (a === b ? 0.5 : a / (a - b));
  for (let r = 0; r + 1 < rows; r++) {
    for (let c = 0; c + 1 < cols; c++) {
      const tl = at(c, r);
      const tr = at(c + 1, r);
      const br = at(c + 1, r + 1);
      const bl = at(c, r + 1);
      const code = (tl > 0 ? 8 : 0) | (tr > 0 ? 4 : 0) | (br > 0 ? 2 : 0) | (bl > 0 ? 1 : 0);
      if (code === 0 || code === 15) continue;
      const top = [c + t(tl, tr), r];
      const right = [c + 1, r + t(tr, br)];
      const bottom = [c + t(bl, br), r + 1];
      const left = [c, r + t(tl, bl)];
      const seg = (a: number[], b: number[]) => out.push(a[0]!, a[1]!, b[0]!, b[1]!);
      switch (code) {
        case 1:
        case 14:
          seg(left, bottom);
          break;
        case 2:
        case 13:
          seg(bottom, right);
          break;
        case 3:
        case 12:
          seg(left, right);
          break;
        case 4:
        case 11:
          seg(top, right);
          break;
        case 6:
        case 9:
          seg(top, bottom);
          break;
        case 7:
        case 8:
          seg(left, top);
          break;
        case 5:
        case 10: {
          // saddle: the centre's sign decides which corners connect
          const centreAbove = (tl + tr + br + bl) / 4 > 0;
          if ((code === 5) === centreAbove) {
            seg(left, top);
            seg(bottom, right);
          } else {
            seg(left, bottom);
            seg(top, right);
          }
          break;
        }
      }
    }
  }
  return out;
}
