import { describe, expect, it } from 'vitest';
import { linkInjector } from './link.js';
import { toxicSpec } from './toxics.js';

describe('toxics', () => {
  it("builds Toxiproxy's attributes from a link fault's fields", () => {
    expect(toxicSpec('jitter', { jitter: 100 }, 'downstream', 1, 't')).toEqual({
      name: 't',
      type: 'latency',
      stream: 'downstream',
      toxicity: 1,
      attributes: { latency: 100, jitter: 100 },
    });
    // The slicer's delay is in microseconds for Toxiproxy.
    expect(toxicSpec('slicer', { average_size: 64, delay: 10 }, 'upstream', 0.5, 't').attributes).toEqual({
      average_size: 64,
      size_variation: 0,
      delay: 10_000,
    });
    expect(toxicSpec('reset_peer', {}, 'upstream', 1, 't').attributes).toEqual({ timeout: 0 });
  });

  it('parses and describes a link fault', () => {
    const config = linkInjector.schema.parse({
      type: 'link',
      link: 'db',
      toxic: 'latency',
      latency: '250ms',
      jitter: '50ms',
    });
    expect(config).toMatchObject({ latency: 250, jitter: 50 });
    expect(linkInjector.describe(config)).toBe('latency on link db (latency 250ms, jitter 50ms)');
  });

  it('rejects fields that do not apply, and stream on a down link', () => {
    const issues = (raw: Record<string, unknown>) =>
      linkInjector.schema.safeParse({ type: 'link', link: 'db', ...raw }).error?.issues.map((i) => i.message);
    expect(issues({ toxic: 'down', stream: 'upstream' })).toEqual([
      'a down link refuses every connection: stream does not apply',
    ]);
    expect(issues({ toxic: 'bandwidth' })).toEqual(['a bandwidth toxic needs rate']);
    expect(issues({ toxic: 'limit_data', bytes: '1k', latency: '1s' })).toEqual([
      'latency does not apply to a limit_data toxic (it takes bytes)',
    ]);
  });
});
