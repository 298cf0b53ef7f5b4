import type { Clock } from '../../common/clock.js';
import { describeCommandFailure } from '../../common/exec-error.js';
import { errorMessage } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import { httpCall } from '../../integrity/http-call.js';
import { deadline } from '../../probes/deadline.js';
import { runCommand } from '../../targets/process/run-command.js';
import type { StartedTarget, TemplateValues } from '../../targets/target.js';
import { AT_TEMPLATE, type ConsistencyConfig, type StateReadConfig } from './consistency-schema.js';
import { moduleReader } from './module-reader.js';
import { normalise, type RoundReading } from './normalise.js';
import type { Round } from './converge.js';

export interface StateReadsDeps {
  target: StartedTarget;
  clock: Clock;
  logger: Logger;
  baseDir: string;
  /** Resolves the templates of a read for one node: its `${node...}` values and `${consistency.at}`. */
  resolveFor(read: StateReadConfig, node: string, extra: TemplateValues): StateReadConfig;
}

/** Reads every replica's state at once: one round. With `at`, first the point they all applied. */
export class StateReads {
  readonly nodes: string[];
  private readonly modules = new Map<StateReadConfig, ReturnType<typeof moduleReader>>();

  constructor(
    private readonly config: ConsistencyConfig,
    private readonly deps: StateReadsDeps,
  ) {
    this.nodes = config.nodes ?? [...deps.target.nodes.keys()];
    for (const read of [config.read, config.at]) {
      if (read?.module === undefined) continue;
      const { target, clock, logger, baseDir } = deps;
      const options = deps.resolveFor(read, this.nodes[0] ?? '', {}).options;
      this.modules.set(
        read,
        moduleReader(read.module, read.export, baseDir, { options, target, clock, logger }),
      );
    }
  }

  /** Loads reader modules before the drill starts, so a broken one fails before any fault. */
  async ready(): Promise<void> {
    for (const module of this.modules.values()) await module.load();
  }

  async round(signal: AbortSignal): Promise<Round> {
    const at = this.config.at ? await this.commonPoint(this.config.at, signal) : undefined;
    const readings = await Promise.all(
      this.nodes.map(async (node): Promise<RoundReading> => {
        if (at && !at.points.has(node))
          return { ok: false, error: `at: ${at.errors.get(node) ?? 'not read'}` };
        const extra: TemplateValues = at ? { [AT_TEMPLATE]: String(at.lowest) } : {};
        return this.read(this.config.read, node, extra, signal, at?.lowest);
      }),
    );
    return Object.fromEntries(this.nodes.map((node, i) => [node, readings[i]!]));
  }

  async close(): Promise<void> {
    for (const module of this.modules.values()) await module.close();
  }

  /** Each node's applied point (a number); the lowest is one every node that answered has applied. */
  private async commonPoint(read: StateReadConfig, signal: AbortSignal) {
    const points = new Map<string, number>();
    const errors = new Map<string, string>();
    await Promise.all(
      this.nodes.map(async (node) => {
        const reading = await this.read(read, node, {}, signal);
        const value = reading.ok ? Number(reading.text) : NaN;
        if (reading.ok && Number.isFinite(value)) points.set(node, value);
        else
          errors.set(
            node,
            reading.ok
              ? `expected a number, found ${JSON.stringify(reading.text.slice(0, 40))}`
              : reading.error,
          );
      }),
    );
    return { points, errors, lowest: Math.min(...points.values()) };
  }

  private async read(
    read: StateReadConfig,
    node: string,
    extra: TemplateValues,
    outer: AbortSignal,
    at?: number,
  ): Promise<RoundReading> {
    const bound = deadline(this.deps.clock, this.config.timeout, outer);
    try {
      const raw = await this.rawRead(this.deps.resolveFor(read, node, extra), read, node, bound.signal, at);
      return typeof raw === 'string' ? normalise(raw, read) : raw;
    } catch (error) {
      outer.throwIfAborted();
      return {
        ok: false,
        error: bound.timedOut() ? `timeout after ${this.config.timeout}ms` : errorMessage(error),
      };
    } finally {
      bound.dispose();
    }
  }

  private async rawRead(
    resolved: StateReadConfig,
    declared: StateReadConfig,
    node: string,
    signal: AbortSignal,
    at: number | undefined,
  ): Promise<string | RoundReading> {
    if (resolved.http !== undefined) {
      const { status, body } = await httpCall({ url: new URL(resolved.http), method: 'GET' }, signal);
      return status >= 200 && status < 300
        ? body
        : { ok: false, error: `HTTP ${status}: ${body.slice(0, 80).trim()}` };
    }
    if (resolved.exec !== undefined) {
      const argv = typeof resolved.exec === 'string' ? ['/bin/sh', '-c', resolved.exec] : resolved.exec;
      const result =
        resolved.on === 'host'
          ? await runCommand(argv, { cwd: this.deps.baseDir, signal })
          : await this.deps.target.node(node).exec(argv, { signal });
      return result.exitCode === 0 ? result.stdout : { ok: false, error: describeCommandFailure(result) };
    }
    const reader = await this.modules.get(declared)!.load();
    const value: unknown = await reader.read(node, signal, at);
    return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  }
}
