import { TargetError } from '../../common/errors.js';
import type { TargetNode } from '../../targets/target.js';
import { shellOutput, type ShellOptions } from '../resource/node-shell.js';
import type { ByteWrite, FileBytes } from './file-bytes.js';

const SIZE = `[ -f "$1" ] || { echo "no file $1" >&2; exit 3; }
stat -c %s "$1" 2>/dev/null || wc -c < "$1"`;
// -v: od would otherwise print "*" for repeated lines, hiding bytes.
const READ = 'od -An -v -tu1 -j "$2" -N "$3" "$1"';
const READ_AT = 'F=$1; shift; for o in "$@"; do od -An -tu1 -j "$o" -N 1 "$F"; done';
// Each run of bytes is printed from octal escapes and written over the file in place (notrunc).
const WRITE = `F=$1; shift
while [ $# -gt 0 ]; do printf "$2" | dd of="$F" bs=1 seek="$1" conv=notrunc 2>/dev/null || exit 4; shift 2; done`;
const TRUNCATE = 'truncate -s "$2" "$1" 2>/dev/null || dd if=/dev/null of="$1" bs=1 seek="$2" 2>/dev/null';

/** A file in a running container, read and written with od, printf and dd through exec. */
export class ExecFileBytes implements FileBytes {
  readonly label: string;

  constructor(
    private readonly node: TargetNode,
    private readonly path: string,
    private readonly options: ShellOptions,
  ) {
    this.label = `${path} in ${node.name}`;
  }

  async size(): Promise<number> {
    const out = await this.run(`reading the size of ${this.path}`, SIZE, []);
    const size = Number(out.trim());
    if (!Number.isInteger(size)) throw new TargetError(`unexpected size of ${this.label}: ${out.trim()}`);
    return size;
  }

  async read(offset: number, length: number): Promise<number[]> {
    return numbers(await this.run(`reading ${this.path}`, READ, [offset, length]));
  }

  async readAt(offsets: readonly number[]): Promise<number[]> {
    return numbers(await this.run(`reading ${this.path}`, READ_AT, offsets));
  }

  async write(writes: readonly ByteWrite[]): Promise<void> {
    const args = runs(writes).flatMap((run) => [run.offset, run.values.map(octalEscape).join('')]);
    await this.run(`writing ${this.path}`, WRITE, args);
  }

  async truncate(length: number): Promise<void> {
    await this.run(`truncating ${this.path}`, TRUNCATE, [length]);
  }

  async close(): Promise<void> {}

  private run(what: string, script: string, args: readonly (string | number)[]): Promise<string> {
    return shellOutput(this.node, what, script, [this.path, ...args], this.options);
  }
}

function numbers(text: string): number[] {
  return text.split(/\s+/).filter(Boolean).map(Number);
}

/** `\101`: printf's format escape for one byte, whatever its value (no % or \ to trip over). */
function octalEscape(value: number): string {
  return `\\${value.toString(8).padStart(3, '0')}`;
}

/** Consecutive offsets grouped, so a run of changed bytes is one dd. */
export function runs(writes: readonly ByteWrite[]): Array<{ offset: number; values: number[] }> {
  const sorted = [...writes].sort((a, b) => a.offset - b.offset);
  const result: Array<{ offset: number; values: number[] }> = [];
  for (const { offset, value } of sorted) {
    const last = result.at(-1);
    if (last && last.offset + last.values.length === offset) last.values.push(value);
    else result.push({ offset, values: [value] });
  }
  return result;
}
