import { describe, expect, it } from 'vitest';
import { requireOwnHost } from './own-host.js';

const values = { 'nodes.db.host': '172.20.0.5', 'nodes.db.port.pg': '5432', 'links.db.host': '10.0.0.9' };
const check = (url: string) => () => requireOwnHost(new URL(url), values, 'load.url');

describe('requireOwnHost', () => {
  it("accepts loopback and the drill's own node and link hosts", () => {
    for (const url of [
      'http://127.0.0.1:80/',
      'http://localhost/',
      'http://[::1]:8080/',
      'http://127.3.2.1/',
    ])
      expect(check(url)).not.toThrow();
    expect(check('http://172.20.0.5:5432/')).not.toThrow();
    expect(check('http://10.0.0.9/')).not.toThrow();
  });

  it('refuses any other host, naming it', () => {
    expect(check('http://example.com/')).toThrow('load.url: http://example.com/ is not a host of this drill');
    expect(check('http://5432/')).toThrow(/is not a host of this drill/);
  });
});
