// Entry of the on-chip worker thread: the harness is TypeScript, run through tsx as the CLI is.
import { register } from 'tsx/esm/api';

register();
await import('./on-chip-thread.ts');
