import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../engine/journal.js';
import { describeEvent } from './event-text.js';

const event = (fields: Record<string, unknown>): JournalEvent =>
  ({ t: 0, time: '', ...fields }) as unknown as JournalEvent;

describe('describeEvent', () => {
  it('says what the recover deadline passed without: detection is not recovery', () => {
    expect(describeEvent(event({ type: 'recover.deadline', after: '30.0s', missing: ['detection'] }))).toBe(
      'recover deadline of 30.0s passed without detection',
    );
    expect(
      describeEvent(event({ type: 'recover.deadline', after: '30.0s', missing: ['recovery', 'detection'] })),
    ).toBe('recover deadline of 30.0s passed without recovery and detection');
  });

  it('tells whether the system was whole again between repeats', () => {
    expect(describeEvent(event({ type: 'iteration.settled', index: 2, waitedMs: 3160 }))).toBe(
      'system whole again after 3.16s',
    );
    expect(
      describeEvent(
        event({ type: 'iteration.unsettled', index: 3, within: '30.0s', reason: 'node n1 is not running' }),
      ),
    ).toBe('system not whole again within 30.0s: node n1 is not running');
  });
});
