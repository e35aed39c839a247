// A share thread for the tests of the awaited start: the engine is TypeScript, run through tsx as the CLI is.
import { register } from 'tsx/esm/api';

register();
await import('./share-thread.ts');
