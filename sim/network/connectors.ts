/**
 * Connectors (PyNN's names) that produce connectivity directly in CSR by
 * presynaptic neuron: rowStart (pre + 1 entries), targets (post-local indices,
 * ascending within a row for the generated connectors), and for explicit
 * connectors their weights and delays in the same order.
 */
import { geometricGap } from '../../src/core/distributions.ts';
import { invalid } from '../../src/core/errors.ts';
import { checkArrayLength } from '../../src/core/memory.ts';
import type { Rng } from '../../src/core/rng.ts';
import type { ConnectorSpec, NumberArray } from './spec.ts';

export interface Csr {
  rowStart: Uint32Array;
  targets: Uint32Array;
  /** Weights carried by an explicit connector, in CSR order. */
  weights?: Float32Array;
  /** Delays (ms) carried by an explicit connector, in CSR order. */
  delaysMs?: Float32Array;
}

export interface SynapseEstimate {
  /** Expected number of synapses (exact for deterministic connectors). */
  synapses: number;
  /** Temporary bytes per synapse while building (e.g. a transposition). */
  buildBytesPerSynapse: number;
}

export function connectorCarriesWeights(c: ConnectorSpec): boolean {
  return c.type === 'fromMatrix' || ((c.type === 'fromList' || c.type === 'csr') && !!c.weights);
}

/** Synapse count before building anything, from the connector's parameters alone. */
export function estimateSynapses(
  c: ConnectorSpec,
  preN: number,
  postN: number,
  samePop: boolean,
): SynapseEstimate {
  const selfPairs = samePop ? Math.min(preN, postN) : 0;
  switch (c.type) {
    case 'allToAll':
      return {
        synapses: preN * postN - (c.allowSelf === false ? selfPairs : 0),
        buildBytesPerSynapse: 0,
      };
    case 'oneToOne':
      return { synapses: Math.min(preN, postN), buildBytesPerSynapse: 0 };
    case 'fixedProbability': {
      const mean = c.p * (preN * postN - (c.allowSelf === false ? selfPairs : 0));
      // the build over-allocates by 10 standard deviations (see fixedProbability)
      return { synapses: mean + 10 * Math.sqrt(mean) + 64, buildBytesPerSynapse: 0 };
    }
    case 'fixedNumberPre':
      return { synapses: c.n * postN, buildBytesPerSynapse: 4 };
    case 'fixedTotalNumber':
      return { synapses: c.n, buildBytesPerSynapse: 0 };
    case 'fromList':
      return { synapses: c.pre.length, buildBytesPerSynapse: 0 };
    case 'fromMatrix':
      return { synapses: preN * postN, buildBytesPerSynapse: 0 };
    case 'csr':
      return { synapses: c.targets.length, buildBytesPerSynapse: 0 };
  }
}

function rowsFromCounts(counts: Uint32Array): Uint32Array {
  const rowStart = new Uint32Array(counts.length + 1);
  for (let i = 0; i < counts.length; i++) rowStart[i + 1] = rowStart[i]! + counts[i]!;
  return rowStart;
}

function allToAll(preN: number, postN: number, skipSelf: boolean): Csr {
  const perRow = (i: number) => (skipSelf && i < postN ? postN - 1 : postN);
  const counts = new Uint32Array(preN);
  for (let i = 0; i < preN; i++) counts[i] = perRow(i);
  const rowStart = rowsFromCounts(counts);
  const targets = new Uint32Array(rowStart[preN]!);
  let k = 0;
  for (let i = 0; i < preN; i++) {
    for (let j = 0; j < postN; j++) if (!(skipSelf && i === j)) targets[k++] = j;
  }
  return { rowStart, targets };
}

function oneToOne(preN: number, postN: number, field: string): Csr {
  if (preN !== postN) {
    throw invalid(
      field,
      `${preN} → ${postN}`,
      'populations of equal size for oneToOne',
      'SHAPE_MISMATCH',
    );
  }
  const rowStart = new Uint32Array(preN + 1);
  const targets = new Uint32Array(preN);
  for (let i = 0; i < preN; i++) {
    rowStart[i + 1] = i + 1;
    targets[i] = i;
  }
  return { rowStart, targets };
}

/**
 * Each (pre, post) pair independently with probability p, row by row, visiting
 * only the successes by geometric skipping. The target array is allocated once
 * at mean + 10 sd (never exceeded in practice; it grows if it ever is).
 */
function fixedProbability(
  preN: number,
  postN: number,
  p: number,
  skipSelf: boolean,
  rng: Rng,
): Csr {
  const mean = p * preN * postN;
  let cap = Math.ceil(mean + 10 * Math.sqrt(mean) + 64);
  let targets = new Uint32Array(cap);
  const rowStart = new Uint32Array(preN + 1);
  const logQ = Math.log1p(-p);
  let k = 0;
  for (let i = 0; i < preN; i++) {
    if (p > 0) {
      for (let j = geometricGap(rng, logQ); j < postN; j += 1 + geometricGap(rng, logQ)) {
        if (skipSelf && j === i) continue;
        if (k === cap) {
          cap = Math.ceil(cap * 1.5);
          checkArrayLength(cap, 'fixedProbability synapses');
          const grown = new Uint32Array(cap);
          grown.set(targets);
          targets = grown;
        }
        targets[k++] = j;
      }
    }
    rowStart[i + 1] = k;
  }
  return { rowStart, targets: targets.subarray(0, k) };
}

/**
 * Each post neuron draws n presynaptic partners uniformly (NEST's
 * fixed_indegree); the pairs are then sorted by pre with a counting sort, so
 * the targets in each row come out ascending.
 */
function fixedNumberPre(
  preN: number,
  postN: number,
  n: number,
  skipSelf: boolean,
  withReplacement: boolean,
  rng: Rng,
  field: string,
): Csr {
  const candidates = preN - (skipSelf ? 1 : 0);
  if (!withReplacement && n > candidates) {
    throw invalid(`${field}.n`, n, `at most ${candidates} without replacement`);
  }
  if (n > 0 && candidates < 1) throw invalid(`${field}.n`, n, '0 (no candidate partners)');
  const total = n * postN;
  checkArrayLength(total, 'fixedNumberPre synapses');
  const sources = new Uint32Array(total);
  const stamp = withReplacement ? null : new Int32Array(preN).fill(-1);
  // rng.int(preN) inlined (the same draws: modulo with rejection of the
  // incomplete last block), without its per-call argument check
  const limit = 4294967296 - (4294967296 % preN);
  let k = 0;
  for (let j = 0; j < postN; j++) {
    for (let c = 0; c < n; c++) {
      let i: number;
      do {
        let x = rng.nextU32();
        while (x >= limit) x = rng.nextU32();
        i = x % preN;
      } while ((skipSelf && i === j) || (stamp !== null && stamp[i] === j));
      if (stamp) stamp[i] = j;
      sources[k++] = i;
    }
  }
  const counts = new Uint32Array(preN);
  for (let s = 0; s < total; s++) counts[sources[s]!]!++;
  const rowStart = rowsFromCounts(counts);
  const fill = rowStart.slice(0, preN);
  const targets = new Uint32Array(total);
  k = 0;
  for (let j = 0; j < postN; j++) {
    for (let c = 0; c < n; c++) targets[fill[sources[k++]!]!++] = j;
  }
  return { rowStart, targets };
}

/**
 * n (pre, post) pairs drawn uniformly and independently (multapses allowed,
 * as NEST's fixed_total_number). Pre and post of a pair are independent, so
 * the same law is drawn row by row without sorting pairs: first how many of
 * the n synapses each pre neuron gets (n uniform draws of the pre), then that
 * many uniform posts for each row, sorted in place so each row's targets
 * ascend. Only the targets are stored: no scattering over n-element arrays.
 */
function fixedTotalNumber(
  preN: number,
  postN: number,
  n: number,
  skipSelf: boolean,
  rng: Rng,
  field: string,
): Csr {
  if (n > 0 && (preN === 0 || postN === 0 || (skipSelf && preN === 1 && postN === 1)))
    throw invalid(`${field}.n`, n, '0 (no candidate pairs)');
  checkArrayLength(n, 'fixedTotalNumber synapses');
  const counts = new Uint32Array(preN);
  for (let k = 0; k < n; k++) counts[rng.int(preN)]!++;
  const rowStart = rowsFromCounts(counts);
  const targets = new Uint32Array(n);
  for (let i = 0; i < preN; i++) {
    const a = rowStart[i]!;
    const b = rowStart[i + 1]!;
    for (let s = a; s < b; s++) {
      let j: number;
      do j = rng.int(postN);
      while (skipSelf && j === i);
      targets[s] = j;
    }
    targets.subarray(a, b).sort();
  }
  return { rowStart, targets };
}

function checkIndex(a: NumberArray, i: number, limit: number, field: string): number {
  const x = a[i]!;
  if (!(Number.isInteger(x) && x >= 0 && x < limit)) {
    throw invalid(`${field}[${i}]`, x, `an integer in [0, ${limit - 1}]`);
  }
  return x;
}

function fromList(
  c: Extract<ConnectorSpec, { type: 'fromList' }>,
  preN: number,
  postN: number,
  field: string,
): Csr {
  const m = c.pre.length;
  for (const [name, arr] of [
    ['post', c.post],
    ['weights', c.weights],
    ['delays', c.delays],
  ] as const) {
    if (arr && arr.length !== m) {
      throw invalid(`${field}.${name}`, arr, `${m} entries, as many as pre`, 'SHAPE_MISMATCH');
    }
  }
  const counts = new Uint32Array(preN);
  for (let s = 0; s < m; s++) {
    counts[checkIndex(c.pre, s, preN, `${field}.pre`)]!++;
    checkIndex(c.post, s, postN, `${field}.post`);
  }
  const rowStart = rowsFromCounts(counts);
  const fill = rowStart.slice(0, preN);
  const targets = new Uint32Array(m);
  const weights = c.weights ? new Float32Array(m) : undefined;
  const delaysMs = c.delays ? new Float32Array(m) : undefined;
  for (let s = 0; s < m; s++) {
    const k = fill[c.pre[s]!]!++;
    targets[k] = c.post[s]!;
    if (weights) weights[k] = c.weights![s]!;
    if (delaysMs) delaysMs[k] = c.delays![s]!;
  }
  return { rowStart, targets, ...(weights && { weights }), ...(delaysMs && { delaysMs }) };
}

function fromMatrix(
  c: Extract<ConnectorSpec, { type: 'fromMatrix' }>,
  preN: number,
  postN: number,
  field: string,
): Csr {
  const w = c.weights;
  if (w.length !== preN * postN) {
    throw invalid(
      `${field}.weights`,
      w,
      `${preN} × ${postN} = ${preN * postN} values (pre × post, row-major)`,
      'SHAPE_MISMATCH',
    );
  }
  const keep = (x: number) => c.keepZeros === true || x !== 0;
  const rowStart = new Uint32Array(preN + 1);
  let m = 0;
  for (let i = 0; i < w.length; i++) if (keep(w[i]!)) m++;
  const targets = new Uint32Array(m);
  const weights = new Float32Array(m);
  let k = 0;
  for (let i = 0; i < preN; i++) {
    for (let j = 0; j < postN; j++) {
      const x = w[i * postN + j]!;
      if (keep(x)) {
        targets[k] = j;
        weights[k++] = x;
      }
    }
    rowStart[i + 1] = k;
  }
  return { rowStart, targets, weights };
}

function fromCsr(
  c: Extract<ConnectorSpec, { type: 'csr' }>,
  preN: number,
  postN: number,
  field: string,
): Csr {
  const m = c.targets.length;
  if (c.rowStart.length !== preN + 1) {
    throw invalid(
      `${field}.rowStart`,
      c.rowStart,
      `${preN + 1} entries (pre size + 1)`,
      'SHAPE_MISMATCH',
    );
  }
  const rowStart = Uint32Array.from(c.rowStart);
  if (rowStart[0] !== 0 || rowStart[preN] !== m) {
    throw invalid(
      `${field}.rowStart`,
      c.rowStart,
      `to start at 0 and end at ${m} (the number of targets)`,
    );
  }
  for (let i = 0; i < preN; i++) {
    if (rowStart[i + 1]! < rowStart[i]!)
      throw invalid(
        `${field}.rowStart[${i + 1}]`,
        rowStart[i + 1],
        `≥ rowStart[${i}] = ${rowStart[i]}`,
      );
  }
  const targets = new Uint32Array(m);
  for (let s = 0; s < m; s++) targets[s] = checkIndex(c.targets, s, postN, `${field}.targets`);
  for (const [name, arr] of [
    ['weights', c.weights],
    ['delays', c.delays],
  ] as const) {
    if (arr && arr.length !== m)
      throw invalid(`${field}.${name}`, arr, `${m} entries, one per target`, 'SHAPE_MISMATCH');
  }
  return {
    rowStart,
    targets,
    ...(c.weights && { weights: Float32Array.from(c.weights) }),
    ...(c.delays && { delaysMs: Float32Array.from(c.delays) }),
  };
}

/** Builds the connectivity of one projection. `samePop`: pre and post are one population. */
export function connect(
  c: ConnectorSpec,
  preN: number,
  postN: number,
  samePop: boolean,
  rng: Rng,
  field: string,
): Csr {
  switch (c.type) {
    case 'allToAll':
      return allToAll(preN, postN, samePop && c.allowSelf === false);
    case 'oneToOne':
      return oneToOne(preN, postN, field);
    case 'fixedProbability':
      if (!(c.p >= 0 && c.p <= 1)) throw invalid(`${field}.p`, c.p, 'a probability in [0, 1]');
      return fixedProbability(preN, postN, c.p, samePop && c.allowSelf === false, rng);
    case 'fixedNumberPre':
      if (!(Number.isInteger(c.n) && c.n >= 0)) throw invalid(`${field}.n`, c.n, 'an integer ≥ 0');
      return fixedNumberPre(
        preN,
        postN,
        c.n,
        samePop && c.allowSelf === false,
        c.withReplacement !== false,
        rng,
        field,
      );
    case 'fixedTotalNumber':
      if (!(Number.isInteger(c.n) && c.n >= 0)) throw invalid(`${field}.n`, c.n, 'an integer ≥ 0');
      return fixedTotalNumber(preN, postN, c.n, samePop && c.allowSelf === false, rng, field);
    case 'fromList':
      return fromList(c, preN, postN, field);
    case 'fromMatrix':
      return fromMatrix(c, preN, postN, field);
    case 'csr':
      return fromCsr(c, preN, postN, field);
  }
}
