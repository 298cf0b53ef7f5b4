import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, fstatSync, mkdirSync, openSync, readSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Clock } from '../common/clock.js';
import type { FoundTool } from '../common/tools.js';
import { readProcStat } from '../targets/process/proc-stat.js';
import type { Resource } from '../targets/target.js';
import { openFifoLines, type FifoLines } from './fifo-lines.js';
import type { RequestResult } from '../engine/measure/index.js';
import type { GeneratorOutput, HttpLoadSpec, RunningGenerator } from './generator.js';
import { K6Points } from './k6-points.js';
import { constantArrivalRateScript } from './k6-script.js';
import { openAppendSafely, writeFileSafely } from '../common/safe-write.js';

export interface K6Options {
  tool: FoundTool;
  /** The user's script (absolute), or undefined to generate a constant-arrival-rate test of `spec`. */
  script?: string | undefined;
  spec?: HttpLoadSpec | undefined;
  args: readonly string[];
  /** Where the generated script, the pipe and k6's own log go. */
  dir: string;
  /** Upper bound of the generated test's duration (firedrill normally stops k6 long before). */
  maxDurationMs: number;
  clock: Clock;
  recordResource?: (resource: Resource) => Promise<void>;
}

/** How k6 ended; 99 (thresholds failed) is the script's own verdict, reported, not a drill error. */
export interface K6Exit {
  exitCode: number | null;
  signal: string | null;
  meaning: string;
  /** k6 stopped by itself before firedrill asked it to (a script error, or its own duration). */
  endedEarly: boolean;
  log: string;
  lastLines: string[];
}

const EXIT_MEANINGS: Record<number, string> = {
  0: 'finished',
  97: 'cloud test failed',
  99: "the script's thresholds failed",
  100: 'setup() timed out',
  101: 'teardown() timed out',
  103: 'engine error',
  104: 'invalid configuration',
  105: 'stopped by firedrill',
  107: 'script exception',
  108: 'script aborted (test.abort())',
};

/** The tags each point keeps: enough to pair a request's points, small enough to stream fast. */
const SYSTEM_TAGS = 'status,method,expected_response,error_code';
const STOP_GRACE_MS = 10_000;

export async function startK6(
  options: K6Options,
): Promise<RunningGenerator & { exit(): K6Exit | undefined }> {
  // k6 runs in this directory: every path handed to it must be absolute.
  options = { ...options, dir: resolve(options.dir) };
  mkdirSync(options.dir, { recursive: true });
  const script = options.script ?? writeGeneratedScript(options);
  const points = new K6Points(options.clock.wallTime(0).getTime());
  const fifoPath = join(options.dir, 'k6-out.fifo');
  rmSync(fifoPath, { force: true });
  const fifo = await openFifoLines(fifoPath, (line) => points.push(line));
  const log = join(options.dir, 'k6.log');
  const logFd = openAppendSafely(log);
  const env = { ...process.env, K6_NO_USAGE_REPORT: 'true' };
  const spec = options.spec;
  const scriptEnv = spec
    ? ['-e', `FIREDRILL_URL=${spec.url.href}`, '-e', `FIREDRILL_RATE=${spec.ratePerSecond}`]
    : [];
  const args = ['run', '--quiet', '--no-color', '--out', `json=${fifoPath}`, '--system-tags', SYSTEM_TAGS];
  // Its own process group: a Ctrl-C in the terminal reaches firedrill, which stops k6 itself.
  const child = spawn(options.tool.path, [...args, ...scriptEnv, ...options.args, script], {
    cwd: options.dir,
    env,
    stdio: ['ignore', logFd, logFd],
    detached: true,
  });
  closeSync(logFd);
  await recordChild(child, options);
  return new K6Process(child, fifo, points, log);
}

function writeGeneratedScript(options: K6Options): string {
  if (!options.spec) throw new Error('k6: neither a script nor a request to generate one from');
  const file = join(options.dir, 'k6-script.js');
  writeFileSafely(file, constantArrivalRateScript(options.spec, options.maxDurationMs));
  return file;
}

async function recordChild(child: ChildProcess, options: K6Options): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || !options.recordResource) return;
  const stat = await readProcStat(pid);
  if (stat)
    await options.recordResource({ kind: 'process', pid, startTime: stat.startTime, description: 'k6 load' });
}

class K6Process implements RunningGenerator {
  private exited: K6Exit | undefined;
  private stopRequested = false;
  private readonly closed: Promise<void>;

  constructor(
    private readonly child: ChildProcess,
    private readonly fifo: FifoLines,
    private readonly points: K6Points,
    private readonly log: string,
  ) {
    this.closed = new Promise((resolve) => {
      child.once('error', (error) => {
        this.exited = this.describe(null, null, error.message);
        resolve();
      });
      child.once('exit', (code, signal) => {
        this.exited = this.describe(code, signal);
        resolve();
      });
    });
  }

  results(): RequestResult[] {
    return this.points.results();
  }

  drain(): RequestResult[] {
    return this.points.drain();
  }

  exit(): K6Exit | undefined {
    return this.exited;
  }

  async stop(): Promise<GeneratorOutput> {
    this.stopRequested = this.exited === undefined;
    if (this.exited === undefined) {
      this.child.kill('SIGINT');
      const killer = setTimeout(() => this.child.kill('SIGKILL'), STOP_GRACE_MS);
      await this.closed;
      clearTimeout(killer);
    }
    this.fifo.writerDone();
    await this.fifo.finished(5_000);
    rmSync(this.fifo.path, { force: true });
    return { requests: this.points.results(), dropped: this.points.dropped };
  }

  private describe(code: number | null, signal: string | null, error?: string): K6Exit {
    const lastLines = tail(this.log);
    const meaning =
      error ?? (code !== null ? (EXIT_MEANINGS[code] ?? `exit code ${code}`) : `killed by ${signal}`);
    return { exitCode: code, signal, meaning, endedEarly: !this.stopRequested, log: this.log, lastLines };
  }
}

/** The last lines of k6's log, read from its end (a long run may log a warning per failed request). */
function tail(file: string): string[] {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    const buffer = Buffer.alloc(Math.min(size, 4096));
    readSync(fd, buffer, 0, buffer.length, size - buffer.length);
    return buffer.toString('utf8').trimEnd().split('\n').slice(-5);
  } catch {
    return [];
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
