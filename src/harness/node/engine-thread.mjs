// Entry of an engine worker thread: the engine is TypeScript, run through tsx as the CLI is.
import { register } from 'tsx/esm/api';

register();
await import('./engine-thread.ts');
