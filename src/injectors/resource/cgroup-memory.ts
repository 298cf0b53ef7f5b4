import type { TargetNode } from '../../targets/target.js';
import { shellOutput, type ShellOptions } from './node-shell.js';

/** A container's memory as its own cgroup reports it (read from inside: works for attached containers too). */
export interface CgroupMemory {
  /** Everything charged, page cache included. */
  usage: number;
  /** Anonymous memory (v1 total_rss, v2 anon): what a hog adds, and what reclaim cannot take back. */
  anon: number;
  /** The memory limit; undefined when the container has none. */
  limit: number | undefined;
}

// cgroup v1 mounts the container's own memory cgroup at /sys/fs/cgroup/memory; v2 at /sys/fs/cgroup.
const READ_CGROUP = `d=/sys/fs/cgroup/memory
if [ -r $d/memory.usage_in_bytes ]; then
  echo "usage $(cat $d/memory.usage_in_bytes)"; echo "limit $(cat $d/memory.limit_in_bytes)"
  grep -E '^total_rss ' $d/memory.stat | sed 's/^total_rss/anon/'
elif [ -r /sys/fs/cgroup/memory.current ]; then
  echo "usage $(cat /sys/fs/cgroup/memory.current)"; echo "limit $(cat /sys/fs/cgroup/memory.max)"
  grep -E '^anon ' /sys/fs/cgroup/memory.stat
else
  echo "no memory cgroup under /sys/fs/cgroup" >&2; exit 3
fi`;

/** Above this, a v1 limit means "none" (the kernel reports PAGE_COUNTER_MAX rounded to pages). */
const NO_LIMIT = 2 ** 60;

/** Parses the `usage`, `limit` and `anon` lines the read script prints. */
export function parseCgroupMemory(text: string): CgroupMemory | undefined {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const [key, value] = line.trim().split(/\s+/);
    if (key && value !== undefined) values.set(key, value);
  }
  const usage = Number(values.get('usage'));
  const anon = Number(values.get('anon'));
  if (!Number.isFinite(usage) || !Number.isFinite(anon)) return undefined;
  const rawLimit = values.get('limit');
  const limit = rawLimit === undefined || rawLimit === 'max' ? undefined : Number(rawLimit);
  return { usage, anon, limit: limit === undefined || !(limit < NO_LIMIT) ? undefined : limit };
}

export async function readCgroupMemory(node: TargetNode, options: ShellOptions): Promise<CgroupMemory> {
  const text = await shellOutput(node, 'reading the memory cgroup', READ_CGROUP, [], options);
  const memory = parseCgroupMemory(text);
  if (!memory) throw new Error(`unexpected memory cgroup figures from ${node.name}: ${text.trim()}`);
  return memory;
}
