import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composePorts } from './compose-ports.js';

const port = fc.integer({ min: 1, max: 65535 });

describe('composePorts', () => {
  it('reads the container side of every short and long syntax', () => {
    expect(
      composePorts({
        ports: ['8080:80', '127.0.0.1:5433:5432/tcp', 9000, '53:53/udp', { target: 6379, published: 6380 }],
        expose: ['3000', 80],
      }),
    ).toEqual([80, 5432, 9000, 6379, 3000]);
  });

  it('expands a range (its first 16 ports) and ignores what is not a port', () => {
    expect(
      composePorts({ ports: ['9000-9002:9000-9002', 'not-a-port', { target: 7, protocol: 'udp' }] }),
    ).toEqual([9000, 9001, 9002]);
    expect(composePorts({ expose: ['1000-1100'] })).toHaveLength(16);
    expect(composePorts({ ports: 'oops' })).toEqual([]);
  });

  it('finds the container port whatever the host side looks like', () => {
    const hostSide = fc.oneof(
      fc.constant(''),
      port.map((p) => `${p}:`),
      fc.tuple(fc.ipV4(), port).map(([ip, p]) => `${ip}:${p}:`),
      fc.ipV4().map((ip) => `${ip}::`),
    );
    fc.assert(
      fc.property(hostSide, port, fc.constantFrom('', '/tcp'), (host, container, protocol) => {
        expect(composePorts({ ports: [`${host}${container}${protocol}`] })).toEqual([container]);
      }),
      { seed: 11_07, numRuns: 300 },
    );
  });
});
