/**
 * The CI drill gate: runs every drill of a gate list (default scenarios/gate/gate.yaml) with
 * `firedrill run`, one after the other, and checks each ends as the list expects (passed: exit 0,
 * failed: exit 1). Writes <out>/gate/{junit.xml,summary.md,gate.json}.
 *
 *   tsx scripts/gate.ts [gate-list.yaml] [--out reports]
 *
 * Drills on a `kubernetes` target run only when a cluster answers (see gate/gate-cluster.ts):
 * without one they are skipped, and fail when FIREDRILL_REQUIRE_KUBERNETES=1.
 *
 * Exit codes: 0 every drill ended as expected · 1 one did not · 2 bad gate list or usage.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkGateCluster, describeGateCluster, type GateCluster } from './gate/gate-cluster.js';
import { GateListError, loadGateList, type GateDrill } from './gate/gate-list.js';
import { describeOutcome, shownPath, writeGateReports } from './gate/gate-report.js';
import { notRunOutcome, runGateDrill, type GateOutcome } from './gate/run-drill.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { out: { type: 'string', default: 'reports' } },
    allowPositionals: true,
  });
  if (positionals.length > 1) return usage(`one gate list at most, found ${positionals.length}`);
  const listFile = resolve(positionals[0] ?? join(root, 'scenarios/gate/gate.yaml'));
  const cli = join(root, 'bin/firedrill.js');
  if (!existsSync(join(root, 'dist'))) return usage('firedrill is not built', 'run `npm run build` first');
  const drills = loadGateList(listFile);
  const out = resolve(values.out);
  // Every scenario is checked before the first container starts: a typo fails in seconds.
  const validate = spawnSync(process.execPath, [cli, 'validate', ...drills.map((d) => d.file)], {
    stdio: 'inherit',
  });
  if (validate.status !== 0)
    return usage('the gate list names invalid scenarios (above)', 'fix them, then rerun');

  console.log(
    `drill gate: ${drills.length} drills from ${shownPath(listFile)}, reports in ${shownPath(out)}`,
  );
  const cluster = await clusterFor(drills);
  const outcomes: GateOutcome[] = [];
  for (const [i, drill] of drills.entries()) {
    console.log(`\n==> [${i + 1}/${drills.length}] ${drill.shown} (expected: ${drill.expect})`);
    const outcome = await runOrSkip(drill, cluster, { cli, out });
    outcomes.push(outcome);
    console.log(`    ${describeOutcome(outcome)} in ${outcome.seconds.toFixed(1)}s`);
  }

  const reports = writeGateReports(join(out, 'gate'), outcomes);
  console.log('\ndrill gate results:');
  for (const outcome of outcomes) console.log(`  ${describeOutcome(outcome)}`);
  const missed = outcomes.filter((o) => !o.ok);
  console.log(`gate reports: ${shownPath(reports)}/{junit.xml,summary.md,gate.json}`);
  console.log(
    missed.length === 0
      ? `drill gate passed: all ${outcomes.length} drills ended as expected`
      : `drill gate FAILED: ${missed.length} of ${outcomes.length} drills did not end as expected`,
  );
  return missed.length === 0 ? 0 : 1;
}

/** Asked once, before the first drill, and only when the list has kubernetes drills. */
async function clusterFor(drills: GateDrill[]): Promise<GateCluster | undefined> {
  const count = drills.filter((drill) => drill.kubernetes).length;
  if (count === 0) return undefined;
  const cluster = await checkGateCluster(process.env, AbortSignal.timeout(20_000));
  console.log(describeGateCluster(cluster, count));
  return cluster;
}

function runOrSkip(
  drill: GateDrill,
  cluster: GateCluster | undefined,
  options: { cli: string; out: string },
): Promise<GateOutcome> {
  if (!drill.kubernetes || !cluster) return runGateDrill(drill, options);
  if (cluster.kind === 'unavailable')
    return Promise.resolve(notRunOutcome(drill, cluster.reason, cluster.required));
  // The drill reaches the cluster the gate checked, also when that came from the local fallback.
  return runGateDrill(drill, { ...options, env: { ...process.env, KUBECONFIG: cluster.kubeconfig } });
}

function usage(
  problem: string,
  hint = 'usage: tsx scripts/gate.ts [gate-list.yaml] [--out reports]',
): number {
  console.error(`gate: ${problem}\nhint: ${hint}`);
  return 2;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof GateListError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`gate: ${(error as Error).message}`);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  },
);
