/**
 * What a thread of the parallel engine does, on any platform (Node's
 * worker_threads, the browser's Web Workers): build its share from the job,
 * say so, then serve the lock-step commands until exit. An error while
 * building is said with its code; one while running marks the share failed
 * in shared memory, so no other thread waits for it, and is thrown.
 */
import { type ErrorCode, isSpikelabError } from '../../src/core/errors.ts';
import type { ShareRunner } from './lockstep.ts';
import { buildShare, type ShareJob } from './parallel-simulator.ts';

/** A thread's one message to its creator: built, or why not. */
export type ShareReply = { ready: true } | { error: { message: string; code: ErrorCode | null } };

/**
 * Builds the held job's share, tells `say`, and serves commands until exit.
 * The job is dropped once built: the whole network's connectivity is then
 * referenced by the creator alone, which releases it.
 */
export function serveShare(held: { job: ShareJob | null }, say: (reply: ShareReply) => void): void {
  let runner: ShareRunner | null = null;
  try {
    runner = buildShare(held.job!);
    held.job = null;
    say({ ready: true });
  } catch (e) {
    say({
      error: {
        message: e instanceof Error ? e.message : String(e),
        code: isSpikelabError(e) ? e.code : null,
      },
    });
    return;
  }
  try {
    runner.serve();
  } catch (e) {
    runner.fail();
    throw e;
  }
}
