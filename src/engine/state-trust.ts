import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  closeSync,
  constants,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { UnsafeFileError } from '../common/errors.js';

/**
 * Trust model of run state. `firedrill cleanup` executes the undo steps a state file lists, so it
 * only ever executes state that firedrill itself wrote, for this user, on this host:
 * - state lives in a per-user directory outside any working tree (a repository cannot ship one):
 *   `$FIREDRILL_STATE_DIR`, else `$XDG_STATE_HOME/firedrill`, else `~/.local/state/firedrill`;
 * - directories are 0700 and files 0600, owned by the user; anything else is refused;
 * - each state file is stamped with the host and the user, and sealed with an HMAC keyed by a
 *   per-user, per-host secret (`host.key` in the user's state directory, never in
 *   `$FIREDRILL_STATE_DIR`): a file copied from elsewhere or edited by hand does not verify.
 */

/** The user's own firedrill state directory (holds the key; the default home of run state). */
export function userStateDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_STATE_HOME;
  return xdg && xdg.startsWith('/') ? join(xdg, 'firedrill') : join(homedir(), '.local/state/firedrill');
}

/** Where runs keep their state: `<state dir>/runs`. */
export function stateRootFrom(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.FIREDRILL_STATE_DIR;
  return join(override ? resolve(override) : userStateDir(env), 'runs');
}

/** Creates `dir` (0700) when missing and checks it is the user's own, private directory. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  requireOwnPrivate(dir, 'directory');
}

/**
 * Refuses `path` unless it is (a directory or a regular file as `kind` says, not a symlink) owned by
 * this user and not writable by group or others (files: not readable either).
 */
export function requireOwnPrivate(path: string, kind: 'directory' | 'file'): void {
  const stats = lstatSync(path);
  const problem = stats.isSymbolicLink()
    ? 'it is a symbolic link'
    : (kind === 'directory' ? !stats.isDirectory() : !stats.isFile())
      ? `it is not a ${kind}`
      : stats.uid !== currentUid()
        ? `it belongs to uid ${stats.uid}, not to this user (uid ${currentUid()})`
        : (stats.mode & (kind === 'directory' ? 0o022 : 0o077)) !== 0
          ? `its mode is ${(stats.mode & 0o777).toString(8)} (expected ${kind === 'directory' ? '700' : '600'})`
          : undefined;
  if (problem)
    throw new UnsafeFileError(`refusing ${kind} ${path}: ${problem}`, {
      hint: `firedrill trusts only state it wrote for you on this host; check ${path} and remove it if it is not yours`,
    });
}

export function currentUid(): number {
  return process.getuid?.() ?? -1;
}

/** Host and user a state file was written for. */
export interface StateStamp {
  host: string;
  uid: number;
}

export function ownStamp(): StateStamp {
  return { host: hostname(), uid: currentUid() };
}

/** The HMAC of a state file's content (everything but `mac`), keyed by this host's secret. */
export function sealState(content: object): string {
  return createHmac('sha256', hostKey()).update(JSON.stringify(content)).digest('hex');
}

export function verifySeal(content: object, mac: string): boolean {
  const expected = Buffer.from(sealState(content), 'hex');
  const given = Buffer.from(mac, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

let cachedKey: { file: string; key: Buffer } | undefined;

/** The per-user, per-host secret; made once (0600, created exclusively) and then read. */
function hostKey(): Buffer {
  const dir = userStateDir();
  const file = join(dir, 'host.key');
  if (cachedKey?.file === file) return cachedKey.key;
  ensurePrivateDir(dir);
  if (!existsSync(file)) {
    // Written whole under a temporary name, then linked into place: a concurrent run either
    // makes the key or reads a complete one, never an empty file.
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(tmp, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    try {
      linkSync(tmp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(tmp, { force: true });
    }
  }
  requireOwnPrivate(file, 'file');
  const fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const key = Buffer.from(readFileSync(fd, 'utf8').trim(), 'hex');
    if (key.length < 16)
      throw new UnsafeFileError(`the key ${file} is too short`, {
        hint: `remove ${file}: firedrill makes a new one`,
      });
    cachedKey = { file, key };
    return key;
  } finally {
    closeSync(fd);
  }
}
