/**
 * The lecture's computation graphs, as the worker hands them to the page:
 * the tiny example's table ends at ∂J/∂(x, y) = (−2, −1) and its SGD step
 * moves y to 2 − 0.1·(−1) = 2.1; the logistic preset's gradient agrees with
 * the closed form (p − 1)·x; bad inputs are named.
 */
import { describe, expect, it } from 'vitest';
import { createLectureApi } from '../../../../web/worker/lecture/api.ts';
import { graphLesson } from '../../../../web/worker/lecture/graph.ts';

const byLabel = (l: ReturnType<typeof graphLesson>, label: string) => {
  const id = l.nodes.find((n) => n.label === label)!.id;
  return l.steps.at(-1)!.table[id];
};

describe('graphLesson', () => {
  it('tiny example: J = 0.5, ∇(x, y) J = (−2, −1) after 4 steps, y_new = 2.1 with η = 0.1', () => {
    const l = graphLesson({ preset: 'tiny' });
    expect(l.nodes.find((n) => n.id === l.root)!.value).toEqual([0.5]);
    expect(l.steps.map((s) => s.node)).toEqual([6, 5, 4, 3]);
    expect([byLabel(l, 'x'), byLabel(l, 'y')]).toEqual([[-2], [-1]]);
    // z is a constant: no entry in the table
    expect(byLabel(l, 'z')).toBeNull();
    expect(l.update.find((u) => u.name === 'y')).toEqual({
      name: 'y',
      value: 2,
      grad: -1,
      next: 2.1,
    });
  });

  it('logistic regression, t = 1: ∂J/∂w = (p − 1)·x and ∂J/∂b = p − 1 with p = σ(w·x + b)', () => {
    const l = graphLesson({ preset: 'logistic' });
    const p = 1 / (1 + Math.exp(-(0.5 * 1 + 0.25 * -1 + 0.1)));
    expect(l.nodes.map((n) => n.op)).toEqual([
      null,
      null,
      null,
      'matmul',
      'add',
      'sigmoid',
      'log',
      'scale',
    ]);
    expect(byLabel(l, 'w')![0]).toBeCloseTo(p - 1, 12);
    expect(byLabel(l, 'w')![1]).toBeCloseTo(-(p - 1), 12);
    expect(byLabel(l, 'b')![0]).toBeCloseTo(p - 1, 12);
  });

  it('ReLU layer: a unit below zero passes no gradient to its weights', () => {
    // x = (1, 2), W = [[0.5, −1], [0.25, 0.5]], b = (0, 0.5): xW + b = (1, 0.5); with w12 = −2, unit 2 is −3.5 + 0.5 < 0
    const l = graphLesson({ preset: 'relu-layer', inputs: { w12: -2 } });
    const gw = byLabel(l, 'W')!;
    expect([gw[1], gw[3]]).toEqual([0, 0]);
    expect(gw[0]).not.toBe(0);
  });

  it('names a non-numeric input, an unknown input and a target that is not a class', () => {
    const api = createLectureApi();
    const msg = (r: ReturnType<typeof api.graph>) => (r.ok ? '' : r.error.message);
    expect(msg(api.graph({ preset: 'tiny', inputs: { x: 'one' } }))).toMatch(
      /^graph\.inputs\.x: got "one"; allowed: a finite number/,
    );
    expect(msg(api.graph({ preset: 'tiny', inputs: { q: 1 } }))).toMatch(
      /^graph\.inputs\.q: got "q"; allowed: x, y, z/,
    );
    expect(msg(api.graph({ preset: 'logistic', inputs: { t: 0.5 } }))).toMatch(
      /^graph\.inputs\.t: got 0\.5; allowed: a class label, 0 or 1/,
    );
  });
});
