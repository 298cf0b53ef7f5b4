/**
 * Log delivery delay (issue 10 item 5): how long after a node writes a line firedrill reads it. A
 * child process prints its own high-resolution wall time every 20 ms for 15 s; this process reads
 * its stdout line by line as a process target's NodeOutput does (readline on the pipe) and records
 * arrival − written. LOG_DELIVERY_BOUND_MS claims this is at most 10 ms.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { LOG_DELIVERY_BOUND_MS } from '../src/engine/measure/time-measurement.js';
import { median, percentile, type BenchReport } from './bench-report.js';

const SECONDS = 15;

export async function run(): Promise<BenchReport> {
  const child = spawn(process.execPath, [
    '-e',
    `const t = setInterval(() => console.log('line ' + (performance.timeOrigin + performance.now())), 20);
     setTimeout(() => clearInterval(t), ${SECONDS * 1000});`,
  ]);
  const delays: number[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    delays.push(performance.timeOrigin + performance.now() - Number(line.split(' ')[1]));
  });
  await new Promise((done) => child.on('close', done));
  const max = Math.max(...delays);
  const over = delays.filter((d) => d > LOG_DELIVERY_BOUND_MS).length;
  return {
    rows: [
      { label: `log delivery: ${delays.length} lines, p50`, value: `${median(delays).toFixed(1)} ms` },
      { label: 'log delivery: p99', value: `${percentile(delays, 99).toFixed(1)} ms` },
      {
        label: `log delivery: max (${over} lines over the bound)`,
        value: `${max.toFixed(1)} ms`,
        target: `<= ${LOG_DELIVERY_BOUND_MS} ms`,
        met: max <= LOG_DELIVERY_BOUND_MS,
      },
    ],
  };
}
