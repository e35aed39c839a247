import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';

describe('spikelab CLI', () => {
  it('prints help with exit code 0', async () => {
    const io = memoryIo();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.stdout.join('')).toMatch(/Usage: spikelab/);
  });

  it('ends an unknown option with one error line and exit code 2', async () => {
    const io = memoryIo();
    expect(await main(['--frobnicate'], io)).toBe(2);
    expect(io.stderr.join('')).toMatch(/^error: unknown option '--frobnicate'\n$/);
  });
});
