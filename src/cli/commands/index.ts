import type { Command } from 'commander';

/** Each command registers itself on the program; listed explicitly, one file per command. */
export const commands: Array<(program: Command) => void> = [];
