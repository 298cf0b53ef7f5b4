import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDirsPerTest } from '../../test/fixtures/temp-dirs.js';
import { cleanupLeftovers } from './cleanup.js';
import { StateFile, readLeftoverStates } from './state-file.js';
import { stateRootFrom } from './state-trust.js';

const tempDir = tempDirsPerTest();
/** A pid that has exited: its runs count as crashed. */
const deadPid = spawnSync(process.execPath, ['-e', '0']).pid!;
const savedXdg = process.env.XDG_STATE_HOME;
beforeAll(() => {
  // The per-host key lives in the user's state directory: a private one for these tests.
  process.env.XDG_STATE_HOME = tempDir('xdg');
});
afterAll(() => {
  if (savedXdg === undefined) delete process.env.XDG_STATE_HOME;
  else process.env.XDG_STATE_HOME = savedXdg;
});

/** A crashed run whose pending undo, when executed, creates `marker`. */
function crashedRun(root: string, runId: string, marker: string): StateFile {
  const state = StateFile.create(root, { runId, scenario: 's', pid: deadPid, startedAt: '' });
  state.addPending({
    faultId: 'f',
    steps: [{ action: 'host.exec', command: ['touch', marker], cwd: root, description: 'touch marker' }],
  });
  return state;
}

describe('state files: private, stamped, sealed', () => {
  it('are 0600 in 0700 directories, stamped with host and user, and read back', () => {
    const root = join(tempDir('state'), 'runs');
    crashedRun(root, 'r1', '/nonexistent');
    expect(statSync(root).mode & 0o777).toBe(0o700);
    expect(statSync(join(root, 'r1')).mode & 0o777).toBe(0o700);
    expect(statSync(join(root, 'r1/state.json')).mode & 0o777).toBe(0o600);
    const onDisk = JSON.parse(readFileSync(join(root, 'r1/state.json'), 'utf8'));
    expect(onDisk).toMatchObject({
      runId: 'r1',
      uid: process.getuid!(),
      mac: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const [leftover] = readLeftoverStates(root);
    expect(leftover?.problem).toBeUndefined();
    expect(leftover?.state?.pending[0]?.faultId).toBe('f');
  });

  it('live in the user state directory, or in FIREDRILL_STATE_DIR (relative to the working directory)', () => {
    expect(stateRootFrom({ XDG_STATE_HOME: '/x/state' })).toBe('/x/state/firedrill/runs');
    expect(stateRootFrom({ HOME: '/home/u' })).toMatch(/\/\.local\/state\/firedrill\/runs$/);
    expect(stateRootFrom({ FIREDRILL_STATE_DIR: 'st', XDG_STATE_HOME: '/x' })).toBe(
      join(process.cwd(), 'st/runs'),
    );
  });
});

describe('cleanup trusts only state firedrill wrote here', () => {
  it('keeps and reports a truncated state.json, and still cleans up the runs after it', async () => {
    const root = join(tempDir('state'), 'runs');
    const marker = join(tempDir('marker'), 'undone');
    crashedRun(root, 'a-truncated', '/nonexistent');
    const file = join(root, 'a-truncated/state.json');
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 40));
    crashedRun(root, 'b-good', marker);
    const lines = await cleanupLeftovers(root, { only: deadPid });
    expect(lines[0]).toMatchObject({ runId: 'a-truncated', ok: false });
    expect(lines[0]!.text).toMatch(/state refused, kept: .*state\.json is not valid JSON/);
    expect(existsSync(file)).toBe(true);
    expect(existsSync(marker)).toBe(true);
    expect(readdirSync(root)).toEqual(['a-truncated']);
  });

  it('reports a state without `pending` by its field, and goes on', async () => {
    const root = join(tempDir('state'), 'runs');
    const marker = join(tempDir('marker'), 'undone');
    crashedRun(root, 'a-no-pending', '/nonexistent');
    const file = join(root, 'a-no-pending/state.json');
    const { pending: _dropped, ...rest } = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify(rest));
    crashedRun(root, 'b-good', marker);
    const lines = await cleanupLeftovers(root, { only: deadPid });
    expect(lines[0]!.text).toMatch(/is not a firedrill state file: pending: /);
    expect(lines.some((l) => l.runId === 'b-good' && l.ok)).toBe(true);
    expect(existsSync(marker)).toBe(true);
  });

  it('refuses, without executing it, a state file it did not seal (edited, or shipped in a repository)', async () => {
    const root = join(tempDir('state'), 'runs');
    const marker = join(tempDir('marker'), 'pwned');
    crashedRun(root, 'forged', '/nonexistent');
    const file = join(root, 'forged/state.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('/nonexistent', marker));
    const [line] = await cleanupLeftovers(root, { only: deadPid });
    expect(line!.text).toMatch(/is not sealed by firedrill on this host .*: not executed/);
    expect(existsSync(marker)).toBe(false);
  });

  it('refuses state readable by others, or in a directory others can write', async () => {
    const root = join(tempDir('state'), 'runs');
    crashedRun(root, 'open-file', '/nonexistent');
    chmodSync(join(root, 'open-file/state.json'), 0o644);
    crashedRun(root, 'open-dir', '/nonexistent');
    chmodSync(join(root, 'open-dir'), 0o777);
    const lines = await cleanupLeftovers(root, { only: deadPid });
    expect(lines.map((l) => [l.ok, l.text.replace(root, '<root>')])).toEqual([
      [false, 'state refused, kept: refusing directory <root>/open-dir: its mode is 777 (expected 700)'],
      [
        false,
        'state refused, kept: refusing file <root>/open-file/state.json: its mode is 644 (expected 600)',
      ],
    ]);
  });

  it('names an unknown resource kind or undo action instead of printing undefined', async () => {
    const root = join(tempDir('state'), 'runs');
    const state = StateFile.create(root, { runId: 'newer', scenario: 's', pid: deadPid, startedAt: '' });
    state.addResource({ kind: 'volume', description: 'volume v' } as never);
    state.addPending({ faultId: 'f', steps: [{ action: 'disk.detach', description: 'detach' } as never] });
    const lines = await cleanupLeftovers(root, { only: deadPid });
    expect(lines.map((l) => l.text)).toEqual([
      'could not revert f (detach): unknown undo action "disk.detach": not run',
      'could not remove volume v: unknown resource kind "volume": left as it is',
    ]);
    expect(existsSync(join(root, 'newer/state.json'))).toBe(true);
  });

  it('leaves a stray entry of the state directory reported, not silently skipped', async () => {
    const root = join(tempDir('state'), 'runs');
    mkdirSync(join(root, 'empty-run'), { recursive: true, mode: 0o700 });
    const [line] = await cleanupLeftovers(root, { only: deadPid });
    expect(line).toMatchObject({ runId: 'empty-run', ok: false });
  });
});
