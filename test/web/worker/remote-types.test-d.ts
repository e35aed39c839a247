/**
 * The page sees the worker through comlink's Remote<>: every method becomes
 * async, and simulate resolves to the same response type the API returns.
 * A change to the API that the page would not see fails to compile here.
 */
import type * as Comlink from 'comlink';
import { describe, expectTypeOf, it } from 'vitest';
import type { WorkerApi } from '../../../web/sim.worker.ts';
import type { Catalog } from '../../../web/worker/api.ts';
import type { CompareResponse } from '../../../web/worker/compare-request.ts';
import type { SimResponse } from '../../../web/worker/result.ts';

type Remote = Comlink.Remote<WorkerApi>;

describe('Remote<WorkerApi>', () => {
  it('simulate resolves to SimResponse; compare to CompareResponse; catalog to Catalog; cancel to boolean', () => {
    expectTypeOf<ReturnType<Remote['simulate']>>().toExtend<Promise<unknown>>();
    expectTypeOf<Awaited<ReturnType<Remote['simulate']>>>().toEqualTypeOf<SimResponse>();
    expectTypeOf<Awaited<ReturnType<Remote['catalog']>>>().toEqualTypeOf<Catalog>();
    expectTypeOf<Awaited<ReturnType<Remote['cancel']>>>().toEqualTypeOf<boolean>();
    expectTypeOf<Awaited<ReturnType<Remote['compare']>>>().toEqualTypeOf<CompareResponse>();
  });
});
