import type { ClusterNode } from './cluster-node.js';
import { PROTECTED_SETTINGS, type Settings } from './config.js';
import { describeItem, findDrift, type DriftItem, type Fingerprint, type Severity } from './drift.js';

export interface DriftStatus {
  /** in-sync: nothing found yet; healed: the last drift found was healed; quarantined: it was severe. */
  state: 'in-sync' | 'healed' | 'quarantined';
  detections: number;
  last?: { severity: Severity; items: string[]; at: string };
}

/**
 * Every interval, compares this node's settings and data with the nodes it hears from. Drift found
 * at `driftConfirmations` consecutive checks is acted on: mild drift is healed from the majority;
 * severe drift (a protected setting, or many keys) quarantines the node.
 */
export class DriftWatch {
  status: DriftStatus = { state: 'in-sync', detections: 0 };
  /** The differences found at the last check(s), and at how many consecutive checks. */
  private seen: { key: string; count: number } | undefined;

  constructor(private readonly node: ClusterNode) {}

  fingerprint(): Fingerprint {
    return { node: this.node.id, settings: { ...this.node.settings }, snapshot: this.node.store.snapshot() };
  }

  async tick(): Promise<void> {
    const node = this.node;
    if (node.quarantined || node.restoring || !node.hasQuorum()) return;
    const timeout = node.config.heartbeatTimeoutMs;
    const replies = await Promise.all(
      node.membership
        .up()
        .map((peer) =>
          node.peers.get<Fingerprint>(peer, '/internal/fingerprint', timeout).catch(() => undefined),
        ),
    );
    const peers = replies.filter((r) => r?.status === 200).map((r) => r!.body);
    if (node.quarantined || node.restoring) return;
    const finding = findDrift(this.fingerprint(), peers, {
      clusterSize: node.clusterSize,
      protectedSettings: PROTECTED_SETTINGS,
      severeKeys: node.config.driftSevereKeys,
    });
    if (finding.severity === 'none') {
      this.seen = undefined;
      return;
    }
    const items = finding.items.map(describeItem);
    if (!this.confirmed(finding.severity, items)) return;
    this.seen = undefined;
    if (finding.severity === 'severe') {
      this.status.state = 'quarantined';
      await node.quarantine(`severe drift (${items.length} differences from the majority)`);
      return;
    }
    for (const item of finding.items) this.heal(item);
    this.status.state = 'healed';
    node.log(`drift healed: ${items.length} value(s) set back to the majority's`);
  }

  /**
   * Counts the consecutive checks that found exactly these differences; the first one logs the
   * detection. True once they were found `driftConfirmations` times in a row.
   */
  private confirmed(severity: Severity, items: string[]): boolean {
    const key = `${severity}:${items.join('; ')}`;
    this.seen = this.seen?.key === key ? { key, count: this.seen.count + 1 } : { key, count: 1 };
    if (this.seen.count === 1) {
      this.status.detections += 1;
      this.status.last = { severity, items, at: new Date().toISOString() };
      this.node.log(`drift detected (${severity}): ${items.join('; ')}`);
    }
    return this.seen.count >= this.node.config.driftConfirmations;
  }

  private heal(item: DriftItem): void {
    if (item.kind === 'key') {
      this.node.store.repair(item.name, item.majority);
    } else {
      (this.node.settings as unknown as Record<string, string | number>)[item.name] = item.majority;
    }
  }
}

/** An out-of-band settings change (the admin endpoint): checked against the setting's type. */
export function setSetting(settings: Settings, name: string, text: string): string | undefined {
  switch (name) {
    case 'cluster':
      settings.cluster = text;
      return undefined;
    case 'replication':
      if (text !== 'sync' && text !== 'async') return 'replication is sync or async';
      settings.replication = text;
      return undefined;
    case 'max_value_bytes': {
      const value = Number(text);
      if (!Number.isInteger(value) || value < 1) return 'max_value_bytes is a whole number >= 1';
      settings.max_value_bytes = value;
      return undefined;
    }
    default:
      return `no setting ${name} (settings: cluster, replication, max_value_bytes)`;
  }
}
