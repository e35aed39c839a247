/** `spikelab web`'s flags: bad ones end with exit 2 and a message naming the flag, before any build. */
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';

describe('spikelab web', () => {
  it('--port 70000 is refused with the allowed range', async () => {
    const io = memoryIo();
    expect(await main(['web', '--port', '70000'], io)).toBe(2);
    expect(io.stderr.join('')).toMatch(/--port.*70000.*0.*65535/);
  });

  it('--host not-a-host is refused by name, before the site is built or a port bound', async () => {
    const io = memoryIo();
    expect(await main(['web', '--host', 'not-a-host', '--port', '0'], io)).toBe(2);
    expect(io.stderr.join('')).toMatch(/^error: --host: got "not-a-host"; allowed: an address/);
    expect(io.stderr.join('')).not.toMatch(/building/);
  });
});
