import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ModuleLedger, ModuleLedgerContext } from './module-driver.js';

// The etcd drills' ledger module (scenarios/etcd/etcd-ledger.mjs) runs inside firedrill's process.
const modulePath = resolve(import.meta.dirname, '../../scenarios/etcd/etcd-ledger.mjs');

type Factory = (context: Pick<ModuleLedgerContext, 'options'>) => ModuleLedger;

async function ledger(options: Record<string, unknown>): Promise<ModuleLedger> {
  const loaded = (await import(pathToFileURL(modulePath).href)) as { default: Factory };
  return loaded.default({ options });
}

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/**
 * A member in another process (its answer reaches the socket while this one is stalled): answers
 * each put `delayMs` after it arrived, marking `received` and `answered` in `dir`.
 */
async function member(dir: string, delayMs: number): Promise<string> {
  const script = `
    const { createServer } = require('node:http');
    const { writeFileSync } = require('node:fs');
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        writeFileSync(${JSON.stringify(join(dir, 'received'))}, '');
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"header":{}}', () => writeFileSync(${JSON.stringify(join(dir, 'answered'))}, ''));
        }, ${delayMs});
      });
    });
    server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;
  const child: ChildProcess = spawn(process.execPath, ['-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  cleanups.push(() => child.kill('SIGKILL'));
  const port = await new Promise<string>((done) =>
    child.stdout!.once('data', (b: Buffer) => done(String(b).trim())),
  );
  return `http://127.0.0.1:${port}`;
}

async function until(check: () => boolean): Promise<void> {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > 20_000) throw new Error('timed out waiting');
    await new Promise((done) => setTimeout(done, 5));
  }
}

describe('etcd ledger module', () => {
  it('an answer that arrived while firedrill was stalled wins over the attempt timeout that fell due meanwhile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-etcd-ledger-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const url = await member(dir, 20);
    const writer = await ledger({ endpoints: [url], attempt_timeout_ms: 300 });
    cleanups.push(() => void writer.close?.());
    let outcome: string | undefined;
    const started = performance.now();
    const write = writer.write('w-1', new AbortController().signal).then(
      () => (outcome = 'acknowledged'),
      (error: unknown) => (outcome = `failed: ${String(error)}`),
    );
    await until(() => existsSync(join(dir, 'received')) || outcome !== undefined);
    // A busy machine: no turn of the loop until the answer is in the socket and the attempt is due.
    while (!existsSync(join(dir, 'answered')) || performance.now() - started < 350) {
      if (outcome !== undefined) break;
      if (performance.now() - started > 20_000) throw new Error('the member never answered');
    }
    expect(await write).toBe('acknowledged');
  });

  it('moves on to the next member when one does not answer within the attempt timeout, and stays there', async () => {
    const slowDir = mkdtempSync(join(tmpdir(), 'firedrill-etcd-ledger-'));
    const fastDir = mkdtempSync(join(tmpdir(), 'firedrill-etcd-ledger-'));
    cleanups.push(() => [slowDir, fastDir].forEach((d) => rmSync(d, { recursive: true, force: true })));
    const slow = await member(slowDir, 5_000);
    const fast = await member(fastDir, 0);
    const writer = await ledger({ endpoints: [slow, fast], attempt_timeout_ms: 200 });
    cleanups.push(() => void writer.close?.());
    await writer.write('w-1', new AbortController().signal);
    expect(existsSync(join(slowDir, 'received'))).toBe(true);
    rmSync(join(slowDir, 'received'));
    await writer.write('w-2', new AbortController().signal);
    // The member that answered last is asked first.
    expect(existsSync(join(slowDir, 'received'))).toBe(false);
  });
});
