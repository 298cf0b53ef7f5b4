import type { Command } from 'commander';
import { registerDoctor } from './doctor.js';
import { registerValidate } from './validate.js';

/** Each command registers itself on the program; listed explicitly, one file per command. */
export const commands: Array<(program: Command) => void> = [registerDoctor, registerValidate];
