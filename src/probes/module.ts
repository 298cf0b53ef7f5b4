import type { Clock } from '../common/clock.js';
import { UsageError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import type { StartedTarget } from '../targets/target.js';
import { defineProbe, type Probe, type ProbeOutcome } from './probe.js';
import { moduleProbeSchema } from './module-schema.js';
import { importUserModule, moduleExport, resolveUserModule } from './user-module.js';

/** What a probe module gets when it is set up. */
export interface ModuleProbeContext {
  /** The probe's `options` from the scenario, templates resolved. */
  options: Record<string, unknown>;
  /** The system under test: its nodes (exec, output), template values. */
  target: StartedTarget;
  clock: Clock;
  logger: Logger;
}

/** A check's result: a boolean, or an outcome with a detail and a value. */
export type ModuleProbeResult = boolean | ProbeOutcome;

/** The probe a module provides. `check` is bounded by the probe's timeout; honour `signal`. */
export interface ModuleProbe {
  check(signal: AbortSignal): ModuleProbeResult | Promise<ModuleProbeResult>;
  close?(): void | Promise<void>;
}

/** A module exports a ModuleProbe, or a function (possibly async) that sets one up from its context. */
export type ModuleProbeExport =
  ModuleProbe | ((context: ModuleProbeContext) => ModuleProbe | Promise<ModuleProbe>);

/**
 * `module`: a user's own probe in TypeScript or JavaScript (see the interface above and
 * examples/probes/). The module is loaded and set up before sampling starts (`ready`), so its
 * import time never counts against the first sample.
 */
export const moduleProbe = defineProbe({
  schema: moduleProbeSchema,
  create(config, { target, clock, logger, baseDir }): Probe {
    const where = `probe ${config.name}`;
    const file = resolveUserModule(config.path, baseDir, where);
    let loading: Promise<ModuleProbe> | undefined;
    const load = (): Promise<ModuleProbe> =>
      (loading ??= setUp(file, config.export, where, {
        options: config.options,
        target,
        clock,
        logger: logger.child({ probe: config.name }),
      }));
    return {
      async ready() {
        await load();
      },
      async check(signal): Promise<ProbeOutcome> {
        const probe = await load();
        return toOutcome(await probe.check(signal), where);
      },
      async close() {
        if (loading) await (await loading.catch(() => undefined))?.close?.();
      },
    };
  },
});

async function setUp(
  file: string,
  name: string,
  where: string,
  context: ModuleProbeContext,
): Promise<ModuleProbe> {
  const exported = moduleExport(await importUserModule(file, where), name, where) as ModuleProbeExport;
  const probe = typeof exported === 'function' ? await exported(context) : exported;
  if (!probe || typeof (probe as ModuleProbe).check !== 'function') {
    throw new UsageError(`${where}: ${file} export "${name}" is not a probe`, {
      hint: 'export { check(signal) { ... } }, or a function (context) => ({ check(signal) { ... } })',
    });
  }
  return probe;
}

function toOutcome(result: unknown, where: string): ProbeOutcome {
  if (typeof result === 'boolean') return { ok: result };
  if (result && typeof result === 'object' && typeof (result as ProbeOutcome).ok === 'boolean') {
    const { ok, detail, value, at } = result as ProbeOutcome;
    return {
      ok,
      ...(typeof detail === 'string' && { detail }),
      ...(typeof value === 'number' && { value }),
      ...(typeof at === 'number' && { at }),
    };
  }
  return {
    ok: false,
    detail: `${where}: check returned ${JSON.stringify(result)}, expected true/false or { ok }`,
  };
}
