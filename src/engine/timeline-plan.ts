import { formatDuration } from '../common/duration.js';
import { injectors, type FaultType } from '../injectors/registry.js';
import type { InjectorFactory } from '../injectors/injector.js';

/** A fault entry as the scenario schema produces it. */
export interface FaultConfig {
  type: string;
  name?: string;
  at?: number;
  duration?: number;
  after?: string;
  [field: string]: unknown;
}

export interface PlannedFault {
  /** Unique within the run: the fault's name, or `<type>-<index>`. */
  id: string;
  type: string;
  config: FaultConfig;
  /** Offset after the baseline, or after the `after` fault was reverted. */
  atMs: number;
  durationMs: number | undefined;
  after: string | undefined;
  description: string;
}

export function faultId(config: FaultConfig, index: number): string {
  return config.name ?? `${config.type}-${index + 1}`;
}

/** The resolved fault timeline, as `firedrill plan` shows it and the engine runs it. */
export function planTimeline(faults: readonly FaultConfig[]): PlannedFault[] {
  return faults.map((config, index) => {
    // Loaded before a plan is made (loadDrillPlugins); a type no registry lists is shown as it is.
    const factory = Object.hasOwn(injectors, config.type)
      ? (injectors[config.type as FaultType].loaded() as InjectorFactory)
      : undefined;
    return {
      id: faultId(config, index),
      type: config.type,
      config,
      atMs: config.at ?? 0,
      durationMs: config.duration,
      after: config.after,
      description: factory ? factory.describe(config) : config.type,
    };
  });
}

/** One line per fault: when it starts, how long it lasts, what it does. */
export function describeTimeline(plan: readonly PlannedFault[]): string[] {
  return plan.map((fault) => {
    const start = fault.after
      ? `${formatDuration(fault.atMs)} after ${fault.after} reverted`
      : `baseline + ${formatDuration(fault.atMs)}`;
    const span =
      fault.durationMs === undefined ? 'until the drill ends' : `for ${formatDuration(fault.durationMs)}`;
    return `${fault.id.padEnd(16)} ${start.padEnd(34)} ${span.padEnd(22)} ${fault.description}`;
  });
}
