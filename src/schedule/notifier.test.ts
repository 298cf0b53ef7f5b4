import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DrillResult } from '../result/index.js';
import { buildNotification, sendWebhook } from './notifier.js';
import type { WebhookConfig } from './schedule-schema.js';

const fixtures = resolve(import.meta.dirname, '../../test/fixtures/results');
function fixtureResult(scenario: string): { result: DrillResult; runDir: string } {
  const runDir = join(fixtures, scenario, readdirSync(join(fixtures, scenario))[0]!);
  return { result: JSON.parse(readFileSync(join(runDir, 'result.json'), 'utf8')) as DrillResult, runDir };
}

interface Received {
  method?: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

async function listen(answer: (req: IncomingMessage) => { status: number; delayMs?: number }) {
  const received: Received[] = [];
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      received.push({ method: req.method, headers: req.headers, body: JSON.parse(text) });
      const { status, delayMs = 0 } = answer(req);
      setTimeout(() => res.writeHead(status).end('ok'), delayMs);
    });
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received };
}

const config = (url: string, extra: Partial<WebhookConfig> = {}): WebhookConfig => ({
  url,
  on: ['failed', 'error'],
  timeout: 2000,
  ...extra,
});

describe('drill notifications', () => {
  it('describes a failed drill with its objectives table as the reports show it', () => {
    const { result, runDir } = fixtureResult('process-kill-restart-tight');
    const body = buildNotification({
      schedule: 'scenarios/schedule.yaml',
      tier: 'monthly',
      file: result.scenario.file,
      verdict: result.verdict,
      reasons: result.reasons,
      runDir,
      result,
    });
    expect(body).toMatchObject({
      schema: 'firedrill.notification/v1',
      tier: 'monthly',
      scenario: 'process-kill-restart-tight',
      verdict: 'failed',
      runId: result.runId,
      runDir,
    });
    expect(body.reason).toMatch(/^recover failed/);
    const recover = body.objectives.find((row) => row.objective === 'recover');
    expect(recover).toMatchObject({ target: '<= 500ms', status: 'failed' });
    expect(recover?.measured).toMatch(/^\d+\.\d+s ± /);
  });

  it('POSTs the JSON body with the configured headers', async () => {
    const { url, received } = await listen(() => ({ status: 204 }));
    const { result } = fixtureResult('process-kill-restart-tight');
    const body = buildNotification({
      schedule: 's.yaml',
      tier: 'weekly',
      file: 'f.yaml',
      verdict: 'failed',
      reasons: ['x'],
      result,
    });
    const delivery = await sendWebhook(config(url, { headers: { Authorization: 'Bearer t0ken' } }), body);
    expect(delivery).toEqual({ ok: true, status: 204 });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: 'POST', body });
    expect(received[0]!.headers).toMatchObject({
      'content-type': 'application/json',
      authorization: 'Bearer t0ken',
    });
  });

  it('returns, never throws, when the webhook refuses, hangs or is not there', async () => {
    const body = buildNotification({
      schedule: 's.yaml',
      tier: 'weekly',
      file: 'f.yaml',
      verdict: 'error',
      reasons: ['boom'],
    });
    const refusing = await listen(() => ({ status: 500 }));
    expect(await sendWebhook(config(refusing.url), body)).toEqual({
      ok: false,
      reason: 'HTTP 500 Internal Server Error',
    });
    await new Promise<void>((done) => server!.close(() => done()));

    const hanging = await listen(() => ({ status: 200, delayMs: 1000 }));
    const slow = await sendWebhook(config(hanging.url, { timeout: 200 }), body);
    expect(slow).toEqual({ ok: false, reason: 'no answer within 200ms' });
    await new Promise<void>((done) => server!.close(() => done()));
    server = undefined;

    const gone = await sendWebhook(config(hanging.url), body);
    expect(gone.ok).toBe(false);
    expect(!gone.ok && gone.reason).toMatch(/ECONNREFUSED/);
  });
});
