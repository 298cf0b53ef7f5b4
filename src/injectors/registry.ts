import type { InjectorFactory } from './injector.js';
import { killInjector } from './kill.js';
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
} satisfies Record<string, InjectorFactory>;

export type FaultType = keyof typeof injectors;
