import type { Command } from 'commander';

type Register = (program: Command) => void;

interface CommandEntry {
  /** The line `firedrill --help` lists it with (its own `--help` has the full description). */
  summary: string;
  /** Imports the command's module only when it runs: `validate` never loads what `run` needs. */
  load: () => Promise<Register>;
}

/** Every command, by name; listed explicitly, one file per command. */
export const commands = {
  init: {
    summary: 'write a starter drill from running containers or a compose file',
    load: async () => (await import('./init.js')).registerInit,
  },
  run: {
    summary: 'run drills: bring the target up, prove the steady state, inject faults, measure, judge',
    load: async () => (await import('./run.js')).registerRun,
  },
  validate: {
    summary: 'check drill, objectives and schedule files without running anything',
    load: async () => (await import('./validate.js')).registerValidate,
  },
  plan: {
    summary: 'print the resolved drill: target, probes, fault timeline, objectives (touches nothing)',
    load: async () => (await import('./plan.js')).registerPlan,
  },
  cleanup: {
    summary: 'revert what crashed runs left behind',
    load: async () => (await import('./cleanup.js')).registerCleanup,
  },
  doctor: {
    summary: 'check that this machine can run drills: Node, Docker, Toxiproxy, k6, images, disk, memory',
    load: async () => (await import('./doctor.js')).registerDoctor,
  },
  schedule: {
    summary: 'run the drill calendar (--list prints the next fire times, --due runs what is due)',
    load: async () => (await import('./schedule.js')).registerSchedule,
  },
  report: {
    summary: "re-render run directories' reports from their result.json; --index builds the history",
    load: async () => (await import('./report.js')).registerReport,
  },
  status: {
    summary: 'the recovery tables: claims against measurements per failure class, UNTESTED and stale rows',
    load: async () => (await import('./status.js')).registerStatus,
  },
} satisfies Record<string, CommandEntry>;

export type CommandName = keyof typeof commands;

/** The command an argument list names (`firedrill --debug run x.yaml`, `firedrill help run`), if any. */
export function namedCommand(args: readonly string[]): CommandName | undefined {
  const words = args.filter((arg) => !arg.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return name !== undefined && Object.hasOwn(commands, name) ? (name as CommandName) : undefined;
}
