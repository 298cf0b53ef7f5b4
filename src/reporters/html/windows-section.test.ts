import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzRuns, fuzzSeed } from '../../common/fuzz-runs.js';
import type { DrillResult } from '../../result/index.js';
import { htmlInjections } from '../../../test/support/markup-checks.js';
import { htmlDocument } from './document.js';
import { html } from './safe-html.js';
import { soakSection, windowsSection } from './windows-section.js';

const hour = 3_600_000;
const hostile = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('<script>alert(1)</script>', '"><img src=x onerror=1>', '</table><b>', '&amp;<!--'),
);

function resultWith(probe: string, detail: string): DrillResult {
  return {
    sampleFile: 'samples.ndjson',
    windows: {
      perMs: hour,
      probes: [
        {
          probe,
          windows: Array.from({ length: 24 }, (_, k) => ({
            from: k * hour,
            to: (k + 1) * hour,
            samples: 72_000,
            ok: 71_999,
            meanMs: 3.2,
            maxMs: 950,
            firstFailure: { at: k * hour + 5, detail },
          })),
        },
      ],
      load: [{ from: 0, to: hour, requests: 180_000, ok: 179_990, meanMs: 4, maxMs: 2000 }],
      ledger: [{ from: 0, to: hour, attempted: 72_000, acknowledged: 71_990, failed: 10 }],
    },
    measurements: {
      soak: {
        perMs: hour,
        availability: [{ from: 0, to: hour, ok: 99, total: 100 }],
        during: [{ probe, windows: [{ from: 0, to: hour, ok: 10, total: 10 }] }],
      },
    },
  } as unknown as DrillResult;
}

describe('report.html: per-window summaries and soak windows', () => {
  it('renders a day by the hour: 24 rows per probe, the load, the ledger and the soak windows', () => {
    const page = `${windowsSection(resultWith('api', 'HTTP 503'))}${soakSection(resultWith('api', 'x'))}`;
    expect(page.match(/<tr>/g)?.length).toBe(1 + 24 + 2 + 2 + 2 * 2);
    expect(page).toContain('Per 1h');
    expect(page).toContain('Soak: per 1h of the fault');
    expect(page).toContain('99.999%');
  });

  it('escapes whatever probes and systems printed: no element or attribute the renderer did not write', () => {
    fc.assert(
      fc.property(hostile, hostile, (probe, detail) => {
        const result = resultWith(probe, detail);
        const page = htmlDocument('t', html`${windowsSection(result)}${soakSection(result)}`);
        expect(htmlInjections(page)).toEqual([]);
      }),
      { seed: fuzzSeed, numRuns: fuzzRuns(50) },
    );
  });
});
