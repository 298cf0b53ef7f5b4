import { join, resolve } from 'node:path';
import type { Clock } from '../common/clock.js';
import { EnvironmentError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import { findTool, toolInstallHint, type FoundTool } from '../common/tools.js';
import type { RequestResult } from '../engine/measure/index.js';
import { resolveUserModule } from '../probes/user-module.js';
import type { Resource, TemplateValues } from '../targets/target.js';
import type { HttpLoadSpec, RunningGenerator } from './generator.js';
import type { K6Exit } from './k6-runner.js';
import type { LoadConfig } from './load-schema.js';
import { requireOwnHost } from './own-host.js';

export interface LoadDeps {
  clock: Clock;
  logger: Logger;
  /** The scenario's directory (a k6 script path is relative to it). */
  baseDir: string;
  /** The run directory: k6's script, pipe and log go to `<runDir>/load`. */
  runDir: string;
  /** The started target's template values: load goes only to its hosts or loopback. */
  values: TemplateValues;
  /** No generated test runs longer than this (the drill's own timeout). */
  maxDurationMs: number;
  recordResource?: (resource: Resource) => Promise<void>;
  env?: NodeJS.ProcessEnv;
}

/** What result.json says about the load. */
export interface LoadReport {
  generator: 'k6' | 'builtin';
  /** Why this generator: k6's path and version, or why the built-in load stood in. */
  reason: string;
  requests: number;
  /** Arrivals not sent because max_in_flight requests were already open. */
  dropped: number;
  k6?: {
    path: string;
    version?: string;
    exitCode: number | null;
    /** "stopped by firedrill", "the script's thresholds failed" (99: reported, not a drill error)... */
    meaning: string;
    thresholdsFailed: boolean;
    /** k6 ended before firedrill stopped it (its own duration ran out, or an error). */
    endedEarly: boolean;
    log: string;
    lastLines?: string[];
  };
}

export interface RunningLoad {
  readonly generator: LoadReport['generator'];
  readonly reason: string;
  /** The requests that have ended so far. */
  results(): RequestResult[];
  /** The requests ended since the last call, forgotten by the load (see `RunningGenerator.drain`). */
  drain(): RequestResult[];
  /** Stops; `requests` are those not drained, `report.requests` counts every request. */
  stop(): Promise<{ report: LoadReport; requests: RequestResult[] }>;
}

/**
 * Starts the drill's load: k6 when `generator` allows and k6 is found (`FIREDRILL_K6=none` hides
 * it, `FIREDRILL_K6=<path>` names the binary), else the built-in constant-rate load.
 */
export async function startLoad(config: LoadConfig, deps: LoadDeps): Promise<RunningLoad> {
  const spec = httpSpec(config, deps.values);
  if (config.generator !== 'builtin') {
    const k6 = await locateK6(deps.env ?? process.env);
    if ('tool' in k6) return startWithK6(config, spec, k6.tool, deps);
    if (config.generator === 'k6')
      throw new EnvironmentError(`load: generator k6 was asked for, but ${k6.missing}`, {
        hint: toolInstallHint('k6'),
      });
    if (!spec) {
      throw new EnvironmentError(`load: ${k6.missing}, and the load is a k6 script only`, {
        hint: `install k6 (${toolInstallHint('k6')}), or give load.url and load.rate so the built-in load can stand in`,
      });
    }
    return startBuiltin(spec, `${k6.missing}: the built-in load stood in`, deps);
  }
  return startBuiltin(spec as HttpLoadSpec, 'generator: builtin', deps);
}

/** Each generator is imported when a drill uses it (a drill without load needs neither). */
async function startBuiltin(spec: HttpLoadSpec, reason: string, deps: LoadDeps): Promise<RunningLoad> {
  deps.logger.info({ reason }, 'load: built-in generator');
  const { startBuiltinLoad } = await import('./builtin-load.js');
  const running = startBuiltinLoad(spec, deps.clock);
  const drained = drainCounter(running);
  return {
    generator: 'builtin',
    reason,
    results: () => running.results(),
    drain: drained.drain,
    async stop() {
      const { requests, dropped } = await running.stop();
      const count = drained.count + requests.length;
      return { requests, report: { generator: 'builtin', reason, requests: count, dropped } };
    },
  };
}

async function startWithK6(
  config: LoadConfig,
  spec: HttpLoadSpec | undefined,
  tool: FoundTool,
  deps: LoadDeps,
): Promise<RunningLoad> {
  const script =
    config.k6?.script === undefined
      ? undefined
      : resolveUserModule(config.k6.script, deps.baseDir, 'load.k6.script');
  const { startK6 } = await import('./k6-runner.js');
  const running: RunningGenerator & { exit(): K6Exit | undefined } = await startK6({
    tool,
    script,
    spec,
    args: config.k6?.args ?? [],
    dir: join(deps.runDir, 'load'),
    maxDurationMs: deps.maxDurationMs,
    clock: deps.clock,
    ...(deps.recordResource && { recordResource: deps.recordResource }),
  });
  const reason = `k6${tool.version ? ` ${tool.version}` : ''} at ${tool.path}${script ? `, script ${script}` : ', generated constant-arrival-rate test'}`;
  deps.logger.info({ reason }, 'load: k6');
  const drained = drainCounter(running);
  return {
    generator: 'k6',
    reason,
    results: () => running.results(),
    drain: drained.drain,
    async stop() {
      const { requests, dropped } = await running.stop();
      const exit = running.exit();
      const k6: NonNullable<LoadReport['k6']> = {
        path: tool.path,
        ...(tool.version !== undefined && { version: tool.version }),
        exitCode: exit?.exitCode ?? null,
        meaning: exit?.meaning ?? 'unknown',
        thresholdsFailed: exit?.exitCode === 99,
        endedEarly: exit?.endedEarly ?? false,
        log: exit?.log ?? join(deps.runDir, 'load', 'k6.log'),
        ...(exit && isTrouble(exit) && { lastLines: exit.lastLines }),
      };
      const count = drained.count + requests.length;
      return { requests, report: { generator: 'k6', reason, requests: count, dropped, k6 } };
    },
  };
}

/** Drains a generator, counting what it handed over (the report counts every request). */
function drainCounter(running: RunningGenerator): { drain: () => RequestResult[]; count: number } {
  const counter = {
    count: 0,
    drain: (): RequestResult[] => {
      const requests = running.drain();
      counter.count += requests.length;
      return requests;
    },
  };
  return counter;
}

function isTrouble(exit: K6Exit): boolean {
  return exit.exitCode !== 0 && exit.exitCode !== 99 && exit.exitCode !== 105;
}

async function locateK6(env: NodeJS.ProcessEnv): Promise<{ tool: FoundTool } | { missing: string }> {
  const forced = env.FIREDRILL_K6?.trim();
  if (forced === 'none' || forced === 'off') return { missing: 'k6 is switched off (FIREDRILL_K6=none)' };
  if (forced) return { tool: { name: 'k6', path: resolve(forced), version: undefined } };
  const tool = await findTool('k6', { env });
  return tool ? { tool } : { missing: "k6 was not found on PATH nor in Go's bin directories" };
}

function httpSpec(config: LoadConfig, values: TemplateValues): HttpLoadSpec | undefined {
  if (config.url === undefined || config.rate === undefined) return undefined;
  const url = new URL(config.url);
  requireOwnHost(url, values, 'load.url');
  return {
    url,
    method: config.method,
    headers: config.headers,
    body: config.body,
    timeoutMs: config.timeout,
    ratePerSecond: config.rate,
    maxInFlight: config.max_in_flight,
  };
}
