import { TargetError } from '../../common/errors.js';
import type { TargetNode } from '../../targets/target.js';
import { parseDf, type FsUsage } from './disk-space.js';
import { shellOutput, type ShellOptions } from './node-shell.js';

export interface ContainerFs {
  usage: FsUsage;
  /** `stat -f -c %T`: tmpfs, ext2/ext3, overlayfs...; `unknown` when the image cannot tell. */
  type: string;
}

const INSPECT = `[ -d "$1" ] || { echo "no directory $1" >&2; exit 3; }
df -Pk "$1"; echo "type $(stat -f -c %T "$1" 2>/dev/null || echo unknown)"`;

/** The filesystem holding `dir` in the container. */
export async function inspectContainerFs(
  node: TargetNode,
  dir: string,
  options: ShellOptions,
): Promise<ContainerFs> {
  const out = await shellOutput(node, `inspecting the filesystem of ${dir}`, INSPECT, [dir], options);
  const lines = out.trim().split('\n');
  const type =
    lines
      .pop()
      ?.replace(/^type /, '')
      .trim() ?? 'unknown';
  const usage = parseDf(lines.join('\n'));
  if (!usage) throw new TargetError(`unexpected df output in ${node.name}: ${out.trim()}`);
  return { usage, type };
}

/**
 * Only a tmpfs is the container's own: its root (an overlay on Docker's storage) and its volumes
 * live on the host's disk, so filling them fills the host's.
 */
export function sharesHostDisk(type: string): boolean {
  return !/^(tmpfs|ramfs)$/.test(type);
}

// fallocate reserves the blocks at once; without it (or where the filesystem refuses), dd writes
// zeros: whole MiBs, then the remaining 4 KiB blocks.
const FILL = `F=$1; N=$2
rm -f "$F"
if ! fallocate -l "$N" "$F" 2>/dev/null; then
  rm -f "$F"
  M=$((N / 1048576)); B=$(((N % 1048576) / 4096))
  dd if=/dev/zero of="$F" bs=1048576 count="$M" 2>/dev/null
  [ "$B" -gt 0 ] && dd if=/dev/zero of="$F" bs=4096 count="$B" seek=$((M * 256)) conv=notrunc 2>/dev/null
  echo "tool dd"
else
  echo "tool fallocate"
fi
echo "allocated $(du -k "$F" | cut -f1)"
echo "size $(stat -c %s "$F" 2>/dev/null || wc -c < "$F")"
df -Pk "$(dirname "$F")"`;

export interface ContainerFillResult {
  tool: string;
  /** Bytes the file occupies on disk (du). */
  allocated: number;
  /** Its length (stat). */
  size: number;
  after: FsUsage;
}

/** Writes the fill file; a full filesystem stops dd early, which the caller sees in the figures. */
export async function writeContainerFill(
  node: TargetNode,
  file: string,
  bytes: number,
  options: ShellOptions,
): Promise<ContainerFillResult> {
  const timeoutMs = 60_000 + Math.round(bytes / 20_000); // a minute plus ~50 s per GiB for the dd path
  const out = await shellOutput(node, `writing ${file}`, FILL, [file, bytes], { ...options, timeoutMs });
  const value = (key: string): string => new RegExp(`^${key} (\\S+)$`, 'm').exec(out)?.[1] ?? '';
  const lines = out.split('\n');
  const after = parseDf(lines.slice(lines.findIndex((line) => line.startsWith('size ')) + 1).join('\n'));
  if (!after) throw new TargetError(`unexpected output while filling ${file} in ${node.name}: ${out.trim()}`);
  return {
    tool: value('tool'),
    allocated: Number(value('allocated')) * 1024,
    size: Number(value('size')),
    after,
  };
}
