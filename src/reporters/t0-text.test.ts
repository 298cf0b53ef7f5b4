import { describe, expect, it } from 'vitest';
import { t0Text } from './t0-text.js';

const fault = { id: 'kill-leader', type: 'kill', description: 'kill', plannedAtMs: 0, effectAt: 5000 };

describe('t0Text', () => {
  it("names the fault and its window's width", () => {
    const line = t0Text({
      timeline: { t0: 5000, t0Window: { from: 5000, to: 5003.24 }, t0UncertaintyMs: 3.24, faults: [fault] },
    });
    expect(line).toBe(
      "t0: kill-leader's effect became true within 3.2ms of t0 (t0 is the earliest instant; figures from t0 may overstate by up to that)",
    );
  });

  it('says nothing when the run has no t0', () => {
    expect(t0Text({ timeline: { faults: [] } })).toBeUndefined();
  });
});
