import type { Command } from 'commander';
import { registerCleanup } from './cleanup.js';
import { registerDoctor } from './doctor.js';
import { registerPlan } from './plan.js';
import { registerReport } from './report.js';
import { registerRun } from './run.js';
import { registerSchedule } from './schedule.js';
import { registerValidate } from './validate.js';

/** Each command registers itself on the program; listed explicitly, one file per command. */
export const commands: Array<(program: Command) => void> = [
  registerRun,
  registerValidate,
  registerPlan,
  registerCleanup,
  registerDoctor,
  registerSchedule,
  registerReport,
];
