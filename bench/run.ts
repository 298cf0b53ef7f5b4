/**
 * `npm run bench`: prints the figures that issues name as targets. Each benchmark is a file in
 * bench/ exporting `run(): Promise<BenchReport>`; they run one after the other (never in parallel:
 * they measure time on a 2-core machine). `npm run bench -- <name...>` runs only those;
 * `npm run bench -- verdict-stability --runs 2` passes an option to the bench.
 */
import type { BenchReport } from './bench-report.js';

type Bench = () => Promise<BenchReport>;

const benches: Record<string, () => Promise<{ run: Bench }>> = {
  'fault-latency': () => import('./fault-latency.js'),
  'resource-fault-latency': () => import('./resource-fault-latency.js'),
  // Needs the local Kubernetes cluster (`npm run k8s:up`): only when named.
  'pod-fault-latency': () => import('./pod-fault-latency.js'),
  'probe-timing': () => import('./probe-timing.js'),
  rss: () => import('./rss.js'),
  'verdict-stability': () => import('./verdict-stability.js'),
  footprint: () => import('./footprint.js'),
  'log-delivery': () => import('./log-delivery.js'),
  'long-drill': () => import('./long-drill.js'),
};

/** Bench names are the arguments that are not options (`--runs 2`: read by the bench itself). */
function benchNames(args: readonly string[]): string[] {
  return args.filter((arg, i) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--'));
}

const selected = benchNames(process.argv.slice(2));
// verdict-stability (dozens of drills under a CPU hog) and long-drill (a day on a fake clock and
// a 10-minute drill) take half an hour each; pod-fault-latency needs the local Kubernetes
// cluster: only when named.
const onlyWhenNamed = ['verdict-stability', 'long-drill', 'pod-fault-latency'];
const names = selected.length > 0 ? selected : Object.keys(benches).filter((n) => !onlyWhenNamed.includes(n));
let failed = false;
for (const name of names) {
  const load = benches[name];
  if (!load) {
    console.error(`unknown benchmark ${name}; known: ${Object.keys(benches).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n== ${name}`);
  const report = await (await load()).run();
  for (const row of report.rows) {
    const verdict = row.target === undefined ? '' : row.met ? '  (target met)' : '  (TARGET MISSED)';
    console.log(`  ${row.label.padEnd(48)} ${row.value.padStart(12)}  ${row.target ?? ''}${verdict}`);
    if (row.target !== undefined && !row.met) failed = true;
  }
}
// Figures are printed for people to read; a missed target is reported, it does not fail the run.
if (failed) console.log('\nsome targets were missed (see above)');
