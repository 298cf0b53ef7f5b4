import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { LOOPBACK, freePorts, isPortFree } from './free-port.js';

describe('free ports', () => {
  it('picks distinct ports that can be bound on 127.0.0.1', async () => {
    const ports = await freePorts(3);
    expect(new Set(ports).size).toBe(3);
    for (const port of ports) expect(await isPortFree(port)).toBe(true);
  });

  it('sees a port that something listens on as taken', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
    const { port } = server.address() as { port: number };
    try {
      expect(await isPortFree(port)).toBe(false);
    } finally {
      server.close();
    }
  });
});
