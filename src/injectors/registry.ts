import type { InjectorFactory } from './injector.js';
import { corruptInjector } from './corrupt.js';
import { cpuInjector } from './cpu.js';
import { deletePodInjector } from './delete-pod.js';
import { diskFillInjector } from './disk-fill.js';
import { driftInjector } from './drift.js';
import { execInjector } from './exec.js';
import { httpInjector } from './http.js';
import { killInjector } from './kill.js';
import { linkInjector } from './link.js';
import { memoryInjector } from './memory.js';
import { partitionInjector } from './partition.js';
import { pauseInjector } from './pause.js';
import { restartInjector } from './restart.js';
import { startInjector } from './start.js';
import { stopInjector } from './stop.js';

/** Every fault type firedrill knows, by its `type` in a scenario. */
export const injectors = {
  kill: killInjector,
  pause: pauseInjector,
  restart: restartInjector,
  stop: stopInjector,
  start: startInjector,
  memory: memoryInjector,
  cpu: cpuInjector,
  'disk-fill': diskFillInjector,
  corrupt: corruptInjector,
  drift: driftInjector,
  exec: execInjector,
  http: httpInjector,
  link: linkInjector,
  partition: partitionInjector,
  'delete-pod': deletePodInjector,
} satisfies Record<string, InjectorFactory>;

export type FaultType = keyof typeof injectors;
