import { shownValue, type RoundReading } from './normalise.js';

export interface Expectation {
  /** Every replica holds the same state. */
  agree: boolean;
  /** Each replica holds the state it held before the fault (by node). */
  unchanged: boolean;
}

export type Judgement =
  | { ok: true }
  | {
      ok: false;
      /** node → what it held (or why it could not be read), for the nodes that differ. */
      divergent: Record<string, string>;
      reason: string;
    };

/**
 * Judges one round of reads. A node whose read failed never agrees. With `agree`, the nodes that
 * differ are those outside the largest group of equal states (all of them when no group is the
 * largest alone); with `unchanged`, those whose state is not the one read before the fault.
 */
export function judgeRound(
  after: Readonly<Record<string, RoundReading>>,
  before: Readonly<Record<string, string>> | undefined,
  expect: Expectation,
): Judgement {
  const divergent: Record<string, string> = {};
  const reasons: string[] = [];
  for (const [node, reading] of Object.entries(after)) {
    if (!reading.ok) divergent[node] = `read failed: ${reading.error}`;
  }
  if (expect.agree) {
    const outliers = disagreeing(after);
    const common = groupByState(after).sort((a, b) => b.nodes.length - a.nodes.length)[0]?.text;
    for (const node of outliers) divergent[node] ??= shown(after[node], common);
    if (outliers.length > 0) reasons.push(agreementReason(after, outliers));
  }
  if (expect.unchanged) {
    const changed = Object.entries(after).filter(
      ([node, reading]) => reading.ok && before?.[node] !== reading.text,
    );
    for (const [node, reading] of changed) {
      const was = before?.[node];
      const now = (reading as { text: string }).text;
      divergent[node] ??= shown(reading, was);
      reasons.push(
        `${node} changed: was ${was === undefined ? 'unread' : shownValue(was, now)}, now ${shown(reading, was)}`,
      );
    }
  }
  const failed = Object.entries(after).filter(([, r]) => !r.ok);
  if (failed.length > 0)
    reasons.unshift(
      failed.map(([node, r]) => `${node} could not be read (${(r as { error: string }).error})`).join('; '),
    );
  if (Object.keys(divergent).length === 0) return { ok: true };
  return { ok: false, divergent, reason: reasons.join('; ') };
}

/** Nodes outside the one largest group of equal readable states; all of them on a tie. */
function disagreeing(after: Readonly<Record<string, RoundReading>>): string[] {
  const groups = groupByState(after);
  const sizes = groups.map((g) => g.nodes.length).sort((a, b) => b - a);
  const readable = groups.flatMap((g) => g.nodes);
  const failed = Object.keys(after).filter((node) => !readable.includes(node));
  if (groups.length <= 1) return failed;
  if (sizes[0] === sizes[1]) return Object.keys(after);
  const largest = groups.find((g) => g.nodes.length === sizes[0])!;
  return Object.keys(after).filter((node) => !largest.nodes.includes(node));
}

function groupByState(
  after: Readonly<Record<string, RoundReading>>,
): Array<{ text: string; nodes: string[] }> {
  const groups = new Map<string, string[]>();
  for (const [node, reading] of Object.entries(after)) {
    if (!reading.ok) continue;
    groups.set(reading.text, [...(groups.get(reading.text) ?? []), node]);
  }
  return [...groups].map(([text, nodes]) => ({ text, nodes }));
}

/** "n3 differs: n3 → "1"; n1, n2 → "4096"" */
function agreementReason(after: Readonly<Record<string, RoundReading>>, outliers: string[]): string {
  const sorted = groupByState(after).sort((a, b) => b.nodes.length - a.nodes.length);
  // Each long state is shown where it differs from the most common one (that one, from the next).
  const groups = sorted.map(
    (g, i) => `${g.nodes.join(', ')} → ${shownValue(g.text, sorted[i === 0 ? 1 : 0]?.text)}`,
  );
  const verb = outliers.length === 1 ? 'differs' : 'differ';
  return `${outliers.join(', ')} ${verb}: ${groups.join('; ')}`;
}

function shown(reading: RoundReading | undefined, other?: string): string {
  if (!reading) return 'not read';
  return reading.ok ? shownValue(reading.text, other) : `read failed: ${reading.error}`;
}
