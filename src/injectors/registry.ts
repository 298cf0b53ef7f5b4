import { lazyPlugin, type LazyPlugin } from '../common/load-on-demand.js';
import type { z } from 'zod';
import type { InjectorFactory } from './injector.js';
import { corruptSchema } from './corrupt-schema.js';
import { cpuSchema } from './cpu-schema.js';
import { deletePodSchema } from './delete-pod-schema.js';
import { diskFillSchema } from './disk-fill-schema.js';
import { driftSchema } from './drift/drift-schema.js';
import { execSchema } from './exec-schema.js';
import { httpSchema } from './http-schema.js';
import { linkSchema } from './link-schema.js';
import { memorySchema } from './memory-schema.js';
import { killSchema, pauseSchema, restartSchema, startSchema, stopSchema } from './node-fault-schema.js';
import { partitionSchema } from './partition/partition-schema.js';

/**
 * Every fault type firedrill knows, by its `type` in a scenario: its schema, and the import of
 * what it does (loaded when a drill injects it; `validate` and the editor schema need only the
 * schema). A new fault is one line here, its schema file and its injector file.
 */
export const injectors = {
  kill: lazyPlugin(killSchema, async () => (await import('./kill.js')).killInjector),
  pause: lazyPlugin(pauseSchema, async () => (await import('./pause.js')).pauseInjector),
  restart: lazyPlugin(restartSchema, async () => (await import('./restart.js')).restartInjector),
  stop: lazyPlugin(stopSchema, async () => (await import('./stop.js')).stopInjector),
  start: lazyPlugin(startSchema, async () => (await import('./start.js')).startInjector),
  memory: lazyPlugin(memorySchema, async () => (await import('./memory.js')).memoryInjector),
  cpu: lazyPlugin(cpuSchema, async () => (await import('./cpu.js')).cpuInjector),
  'disk-fill': lazyPlugin(diskFillSchema, async () => (await import('./disk-fill.js')).diskFillInjector),
  corrupt: lazyPlugin(corruptSchema, async () => (await import('./corrupt.js')).corruptInjector),
  drift: lazyPlugin(driftSchema, async () => (await import('./drift.js')).driftInjector),
  exec: lazyPlugin(execSchema, async () => (await import('./exec.js')).execInjector),
  http: lazyPlugin(httpSchema, async () => (await import('./http.js')).httpInjector),
  link: lazyPlugin(linkSchema, async () => (await import('./link.js')).linkInjector),
  partition: lazyPlugin(partitionSchema, async () => (await import('./partition.js')).partitionInjector),
  'delete-pod': lazyPlugin(deletePodSchema, async () => (await import('./delete-pod.js')).deletePodInjector),
} satisfies Record<string, LazyPlugin<z.ZodType, InjectorFactory>>;

export type FaultType = keyof typeof injectors;
