import { connect } from 'node:net';
import { offlineNodeControl } from '../../../src/engine/offline-node-control.js';
import { runUndoStep } from '../../../src/engine/undo-executor.js';
import type { UndoStep } from '../../../src/engine/undo.js';
import type { FaultContext, FaultEffect, InjectorFactory } from '../../../src/injectors/injector.js';
import type { StartedLinks } from '../../../src/links/started-links.js';
import type { StartedTarget } from '../../../src/targets/target.js';
import type { targetContext } from '../docker/target-context.js';

export function faultContext(
  target: StartedTarget,
  context: ReturnType<typeof targetContext>,
  links?: StartedLinks,
): FaultContext {
  return {
    runId: context.runId,
    target,
    clock: context.clock,
    logger: context.logger,
    signal: context.signal,
    random: Math.random,
    baseDir: context.baseDir,
    ...(links && { links }),
  };
}

/** Parses a fault as a scenario would, prepares and injects it; returns its effect and its undo. */
export async function inject(
  injector: InjectorFactory,
  raw: Record<string, unknown>,
  context: FaultContext,
): Promise<{ effect: FaultEffect; undo: UndoStep[]; elapsedMs: number }> {
  const fault = injector.create(injector.schema.parse(raw));
  const undo = await fault.prepare(context);
  const started = performance.now();
  try {
    const effect = await fault.inject(context);
    return { effect, undo, elapsedMs: performance.now() - started };
  } finally {
    await fault.release?.();
  }
}

/** Runs undo steps as the engine does at the end (most recent first), as data, without the live target. */
export async function revert(undo: readonly UndoStep[], target?: StartedTarget): Promise<string[]> {
  const done: string[] = [];
  for (const step of [...undo].reverse())
    done.push(await runUndoStep(step, { offline: offlineNodeControl, ...(target && { target }) }));
  return done;
}

export interface RawAnswer {
  bytes: number;
  /** From connect to the server closing the connection (or the error). */
  elapsedMs: number;
  error?: string;
}

/** One HTTP/1.0 GET over a bare socket, timed until the connection closes: sees resets and slow closes. */
export function rawGet(port: number, path: string, timeoutMs = 10_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const started = performance.now();
    let bytes = 0;
    let error: string | undefined;
    const socket = connect({ host: '127.0.0.1', port }, () =>
      socket.write(`GET ${path} HTTP/1.0\r\nHost: x\r\n\r\n`),
    );
    socket.setTimeout(timeoutMs, () => {
      error = 'timeout';
      socket.destroy();
    });
    socket.on('data', (chunk: Buffer) => (bytes += chunk.length));
    socket.on('error', (e: NodeJS.ErrnoException) => (error ??= e.code ?? e.message));
    socket.on('close', () =>
      resolve({ bytes, elapsedMs: performance.now() - started, ...(error && { error }) }),
    );
  });
}

export async function toxicNames(links: StartedLinks, link: string): Promise<string[]> {
  const url = `${links.toxiproxyUrl}/proxies/${links.get(link).proxy}/toxics`;
  return ((await (await fetch(url)).json()) as Array<{ name: string }>).map((t) => t.name);
}
