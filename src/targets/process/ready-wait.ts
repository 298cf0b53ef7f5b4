import { request } from 'node:http';
import { connect } from 'node:net';
import type { Clock } from '../../common/clock.js';
import { LOOPBACK } from './free-port.js';
import { pollUntil } from './poll.js';
import type { NodeSpec } from './node-spec.js';

export interface ReadyWaitOptions {
  clock: Clock;
  signal: AbortSignal;
  /** Stops the wait early: the process exited, so it will never become ready. */
  exited: () => boolean;
}

export type ReadyResult = 'ready' | 'timeout' | 'exited';

/** Waits until the node answers on its ready port (and path); bounded by the spec's timeout. */
export async function waitReady(
  ready: NonNullable<NodeSpec['ready']>,
  options: ReadyWaitOptions,
): Promise<ReadyResult> {
  const { clock, signal, exited } = options;
  const attempt = async (): Promise<boolean> => {
    if (exited()) return true;
    if (ready.tcpPort !== undefined && !(await tcpAccepts(ready.tcpPort, signal))) return false;
    return ready.httpUrl === undefined || (await httpAnswers(ready.httpUrl, signal));
  };
  const done = await pollUntil(attempt, { clock, timeoutMs: ready.timeoutMs, intervalMs: 50, signal });
  if (exited()) return 'exited';
  return done ? 'ready' : 'timeout';
}

/** Describes what the wait was for, for error messages. */
export function describeReady(ready: NonNullable<NodeSpec['ready']>): string {
  const parts = [];
  if (ready.tcpPort !== undefined) parts.push(`tcp ${LOOPBACK}:${ready.tcpPort}`);
  if (ready.httpUrl !== undefined) parts.push(`GET ${ready.httpUrl} answering 2xx/3xx`);
  return parts.join(' and ');
}

function tcpAccepts(port: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: LOOPBACK, port, signal, timeout: 1000 });
    const finish = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
    socket.once('timeout', () => finish(false));
  });
}

function httpAnswers(url: string, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false, signal, timeout: 2000 }, (res) => {
      res.resume();
      resolve((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 400);
    });
    req.once('error', () => resolve(false));
    req.once('timeout', () => req.destroy(new Error('timeout')));
    req.end();
  });
}
