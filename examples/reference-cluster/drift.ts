/**
 * Drift: a node whose settings or data differ from what the majority holds, although no write
 * through the leader made them differ (someone changed it out of band).
 *
 * Settings are compared value by value. Data is compared key by key up to the lowest log position
 * among the nodes compared (S): a key no node rewrote after S must be identical everywhere, so a
 * difference there is drift, not replication lag. A node only judges itself, and only against a
 * strict majority of the nodes it compared (itself included) that agree with each other.
 */
import { majority } from './election.js';
import type { Snapshot, Stored } from './store.js';

export type SettingValue = string | number;

export interface Fingerprint {
  node: string;
  settings: Record<string, SettingValue>;
  snapshot: Snapshot;
}

export type DriftItem =
  | { kind: 'setting'; name: string; mine: SettingValue | undefined; majority: SettingValue }
  | { kind: 'key'; name: string; mine: Stored | undefined; majority: Stored | undefined };

export type Severity = 'none' | 'mild' | 'severe';

export interface DriftFinding {
  severity: Severity;
  items: DriftItem[];
  /** Set when no judgement was possible (too few nodes compared). */
  skipped?: string;
}

export interface DriftRules {
  clusterSize: number;
  protectedSettings: ReadonlySet<string>;
  /** More drifted keys than this is severe. */
  severeKeys: number;
}

export function findDrift(self: Fingerprint, peers: readonly Fingerprint[], rules: DriftRules): DriftFinding {
  const nodes = [self, ...peers];
  const needed = majority(rules.clusterSize);
  if (nodes.length < needed) {
    return { severity: 'none', items: [], skipped: `compared ${nodes.length} nodes, need ${needed}` };
  }
  const items = [...settingDrift(nodes), ...keyDrift(nodes)];
  return { severity: classify(items, rules), items };
}

/** Mild drift is healed from the majority; severe drift quarantines the node. */
export function classify(items: readonly DriftItem[], rules: Omit<DriftRules, 'clusterSize'>): Severity {
  if (items.length === 0) return 'none';
  const protectedHit = items.some((i) => i.kind === 'setting' && rules.protectedSettings.has(i.name));
  const keys = items.filter((i) => i.kind === 'key').length;
  return protectedHit || keys > rules.severeKeys ? 'severe' : 'mild';
}

export function describeItem(item: DriftItem): string {
  if (item.kind === 'setting') return `setting ${item.name}=${item.mine} (majority: ${item.majority})`;
  const show = (s: Stored | undefined): string => (s === undefined ? 'absent' : JSON.stringify(s.value));
  return `key ${item.name}=${show(item.mine)} (majority: ${show(item.majority)})`;
}

function settingDrift(nodes: readonly Fingerprint[]): DriftItem[] {
  const [self] = nodes as [Fingerprint];
  const names = new Set(nodes.flatMap((n) => Object.keys(n.settings)));
  const items: DriftItem[] = [];
  for (const name of names) {
    const winner = majorityOf(nodes.map((n) => n.settings[name]));
    const mine = self.settings[name];
    if (winner.found && winner.value !== undefined && winner.value !== mine) {
      items.push({ kind: 'setting', name, mine, majority: winner.value });
    }
  }
  return items;
}

function keyDrift(nodes: readonly Fingerprint[]): DriftItem[] {
  const [self] = nodes as [Fingerprint];
  const upTo = Math.min(...nodes.map((n) => n.snapshot.position.seq));
  const keys = new Set(nodes.flatMap((n) => Object.keys(n.snapshot.data)));
  const items: DriftItem[] = [];
  for (const key of keys) {
    const held = nodes.map((n) => n.snapshot.data[key]);
    // Rewritten after S somewhere: nodes may legitimately differ (replication in flight).
    if (held.some((s) => s !== undefined && s.seq > upTo)) continue;
    const winner = majorityOf(held, (s) => (s === undefined ? '-' : `${s.seq}:${s.value}`));
    const mine = self.snapshot.data[key];
    if (winner.found && !sameStored(winner.value, mine)) {
      items.push({ kind: 'key', name: key, mine, majority: winner.value });
    }
  }
  return items.sort((a, b) => a.name.localeCompare(b.name));
}

/** The value more than half of the nodes hold, if any. */
function majorityOf<T>(
  values: readonly T[],
  keyOf: (value: T) => string = (v) => JSON.stringify(v) ?? '-',
): { found: true; value: T } | { found: false } {
  const counts = new Map<string, { value: T; count: number }>();
  for (const value of values) {
    const key = keyOf(value);
    const seen = counts.get(key) ?? { value, count: 0 };
    seen.count += 1;
    counts.set(key, seen);
  }
  for (const { value, count } of counts.values()) {
    if (count * 2 > values.length) return { found: true, value };
  }
  return { found: false };
}

function sameStored(a: Stored | undefined, b: Stored | undefined): boolean {
  return a?.value === b?.value && a?.seq === b?.seq;
}
