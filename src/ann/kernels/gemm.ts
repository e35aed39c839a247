/**
 * The matrix product every op calls. It dispatches on layout to the
 * TypeScript kernels of `matmul.ts`; `reference.ts` is the oracle for both.
 */
export { gemm } from './matmul.ts';
