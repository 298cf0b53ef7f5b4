import { errorMessage } from '../errors.js';
import type { CheckResult, ReadinessCheck, ReadinessContext } from './check.js';
import { createReadinessContext, type ReadinessOptions } from './context.js';
import { diskSpaceCheck } from './disk-space.js';
import { dockerEngineCheck } from './docker-engine.js';
import { k6Check } from './k6.js';
import { kubernetesCheck } from './kubernetes.js';
import { memoryCheck } from './memory.js';
import { nettoolsImageCheck } from './nettools-image.js';
import { nodeVersionCheck } from './node-version.js';
import { toxiproxyCheck } from './toxiproxy.js';

/** The rows of `firedrill doctor`, in order. */
export const readinessChecks: readonly ReadinessCheck[] = [
  nodeVersionCheck,
  dockerEngineCheck,
  toxiproxyCheck,
  k6Check,
  nettoolsImageCheck,
  diskSpaceCheck,
  memoryCheck,
  kubernetesCheck,
];

export interface ReadinessRow extends CheckResult {
  name: string;
  blocking: boolean;
}

export interface ReadinessReport {
  rows: ReadinessRow[];
  /** Container drills can run: no blocking check is missing. */
  ready: boolean;
  /** Names of the blocking checks that are missing. */
  blockers: string[];
}

export async function checkReadiness(
  options: ReadinessOptions = {},
  checks: readonly ReadinessCheck[] = readinessChecks,
): Promise<ReadinessReport> {
  return runChecks(createReadinessContext(options), checks);
}

/** Runs every check side by side; a check that throws is a `missing` row, never a crash. */
export async function runChecks(
  context: ReadinessContext,
  checks: readonly ReadinessCheck[],
): Promise<ReadinessReport> {
  const rows = await Promise.all(
    checks.map(async (check): Promise<ReadinessRow> => {
      const result = await check.run(context).catch((error: unknown): CheckResult => ({
        status: 'missing',
        detail: `the check itself failed: ${errorMessage(error)}`,
        fix: 'run again with --debug and report it',
      }));
      return { name: check.name, blocking: check.blocking, ...result };
    }),
  );
  return verdict(rows);
}

export function verdict(rows: ReadinessRow[]): ReadinessReport {
  const blockers = rows.filter((r) => r.blocking && r.status === 'missing').map((r) => r.name);
  return { rows, ready: blockers.length === 0, blockers };
}
