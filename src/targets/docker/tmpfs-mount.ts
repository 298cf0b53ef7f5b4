import { z } from 'zod';
import { byteSize, parseByteSize } from './byte-size.js';

const SIZE_EXPECTED =
  'expected a size such as 64m, 256m or 1g (k, m, g = KiB, MiB, GiB), or { size, mode, uid, gid }';

const MODE_EXPECTED = 'expected an octal file mode such as "1777" or "0700"';

// YAML reads `mode: 1777` as the number 1777 (and `0700` as 700): its digits are the octal mode.
const mode = z
  .union([z.string(), z.number().int().nonnegative()], { error: MODE_EXPECTED })
  .transform((value, ctx) => {
    const text = String(value).trim();
    if (!/^[0-7]{3,4}$/.test(text)) {
      ctx.addIssue({ code: 'custom', message: `${MODE_EXPECTED}, found ${JSON.stringify(value)}` });
      return z.NEVER;
    }
    return text.padStart(4, '0');
  })
  .meta({ description: 'Octal mode of the mount\'s root directory, e.g. "1777" or "0700".' });

const id = (what: string) =>
  z
    .number({ error: `expected a numeric ${what}, e.g. 999` })
    .int({ error: `expected a numeric ${what}, e.g. 999` })
    .nonnegative({ error: `expected a numeric ${what}, e.g. 999` });

const mountOptions = z.strictObject({
  size: byteSize,
  mode: mode.optional(),
  uid: id('user id').optional().meta({ description: "Owner of the mount's root directory (a user id)." }),
  gid: id('group id').optional().meta({ description: "Group of the mount's root directory (a group id)." }),
});

/** The options Docker's tmpfs takes, written out: `rw,size=<bytes>,mode=1777,uid=999,gid=999`. */
export interface TmpfsMount {
  size: number;
  mode?: string;
  uid?: number;
  gid?: number;
}

/**
 * One tmpfs mount: a size (`64m`), or `{ size, mode, uid, gid }` when a program that does not run
 * as root must own it (PostgreSQL's initdb refuses a root-owned data directory). Docker's own
 * option string (`160m,mode=1777`) is refused with the mapping to write instead: firedrill writes
 * the options itself. (One union, checked after: nested unions would blur the message.)
 */
export const tmpfsMount = z
  .union([z.string(), z.number().int().positive(), mountOptions], { error: SIZE_EXPECTED })
  .transform((value, ctx): TmpfsMount => {
    if (typeof value === 'object') return value;
    if (typeof value === 'string' && /[,=]/.test(value)) {
      ctx.addIssue({ code: 'custom', message: `${optionsAsFields(value)}, found "${value}"` });
      return z.NEVER;
    }
    const size = typeof value === 'number' ? value : parseByteSize(value);
    if (size === undefined || size <= 0) {
      ctx.addIssue({ code: 'custom', message: `${SIZE_EXPECTED}, found "${value}"` });
      return z.NEVER;
    }
    return { size };
  })
  .meta({ description: "A size (e.g. 64m), or { size, mode, uid, gid } for the mount's root directory." });

/** `160m,mode=1777` → the message naming the mapping to write instead. */
function optionsAsFields(value: string): string {
  const [size, ...options] = value.split(',').map((part) => part.trim());
  const fields = options.map((option) => option.replace('=', ': ')).join(', ');
  return `tmpfs options go in a mapping: { size: ${size || '64m'}${fields ? `, ${fields}` : ''} }`;
}

/** Docker's option string for one mount. */
export function tmpfsOptions(mount: TmpfsMount): string {
  const options = ['rw', `size=${mount.size}`];
  if (mount.mode !== undefined) options.push(`mode=${mount.mode}`);
  if (mount.uid !== undefined) options.push(`uid=${mount.uid}`);
  if (mount.gid !== undefined) options.push(`gid=${mount.gid}`);
  return options.join(',');
}
