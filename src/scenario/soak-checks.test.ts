import { describe, expect, it } from 'vitest';
import { soakFindings } from './soak-checks.js';

const path = (field: string) => ['objectives', field];
const drill = (extra: Record<string, unknown> = {}) => ({
  probes: [{ name: 'minority', role: 'during' }],
  load: { url: 'http://127.0.0.1:1/', rate: '10/s' },
  faults: [{ type: 'partition', duration: '1h' }],
  timeouts: { recover: '65m' },
  ...extra,
});

describe('soak objectives are validated against the drill', () => {
  it('accepts a soak whose recover timeout outlasts the held fault', () => {
    expect(
      soakFindings(drill(), { soak: { per: '15m', availability: '99.9%', during: '100%' } }, path),
    ).toEqual([]);
  });

  it('refuses a recover timeout that would end the soak early, naming both', () => {
    const findings = soakFindings(
      drill({ timeouts: { recover: '30s' } }),
      { soak: { per: '1h', during: '100%' } },
      path,
    );
    expect(findings).toEqual([
      expect.objectContaining({
        path: ['timeouts', 'recover'],
        expected: 'at least 60m00s',
        found: '30.0s',
      }),
    ]);
  });

  it('needs a load for availability and a during probe for during', () => {
    const findings = soakFindings(
      drill({ load: undefined, probes: [{ name: 'api', role: 'steady' }] }),
      { soak: { per: '1h', availability: '99%', during: '100%' } },
      path,
    );
    expect(findings.map((f) => f.message)).toEqual([
      'soak.availability needs a load: availability is measured on the load requests',
      'soak.during needs a probe with role "during": it judges their samples window by window',
    ]);
  });

  it('says nothing without a soak', () => {
    expect(soakFindings(drill({ timeouts: { recover: '1s' } }), { recover: '5s' }, path)).toEqual([]);
  });
});
