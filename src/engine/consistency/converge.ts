import type { Clock } from '../../common/clock.js';
import type { Judgement } from './compare-states.js';
import type { RoundReading } from './normalise.js';

export type Round = Record<string, RoundReading>;

export interface ConvergeOptions {
  clock: Clock;
  /** Read again until a round that starts this long after the first one. */
  withinMs: number;
  /** Time from one round's start to the next. */
  intervalMs: number;
  signal: AbortSignal;
}

export type Convergence =
  | { status: 'converged'; ms: number; resolutionMs: number; rounds: number; round: Round }
  | {
      status: 'diverged';
      ms: number;
      rounds: number;
      round: Round;
      judgement: Extract<Judgement, { ok: false }>;
    };

interface Done {
  start: number;
  round: Round;
  judgement: Judgement;
}

/**
 * Reads every replica in rounds until a round's judgement holds, or until the round that starts at
 * the bound (`withinMs` after the first) still finds them apart. `ms` is when the converged round
 * started, after the first; it happened at most `resolutionMs` (the gap to the previous round)
 * earlier. A round still running at the bound does not delay the bound's own round, so a slow read
 * on a busy machine cannot move the last look past the bound and change the verdict.
 */
export async function readUntilConverged(
  readRound: (signal: AbortSignal) => Promise<Round>,
  judge: (round: Round) => Judgement,
  options: ConvergeOptions,
): Promise<Convergence> {
  const { clock, signal } = options;
  const first = clock.now();
  const deadline = first + options.withinMs;
  let rounds = 0;
  let previous: number | undefined;
  const run = async (start: number): Promise<Done> => {
    rounds += 1;
    const round = await readRound(signal);
    return { start, round, judgement: judge(round) };
  };
  const converged = (done: Done, before: number | undefined): Convergence => ({
    status: 'converged',
    ms: done.start - first,
    resolutionMs: before === undefined ? 0 : done.start - before,
    rounds,
    round: done.round,
  });
  for (let next = first; ; next = clock.now()) {
    const start = next;
    const current = run(start);
    const done = start < deadline ? await untilDeadline(current, deadline, options) : await current;
    if (done === 'deadline') {
      // The bound came while this round was still reading: look once more, at the bound itself.
      const [late, last] = await Promise.all([current, run(deadline)]);
      if (late.judgement.ok) return converged(late, previous);
      if (last.judgement.ok) return converged(last, start);
      return diverged(last, first, clock.now(), rounds);
    }
    if (done.judgement.ok) return converged(done, previous);
    if (start >= deadline) return diverged(done, first, clock.now(), rounds);
    previous = start;
    await clock.sleep(Math.max(0, Math.min(start + options.intervalMs, deadline) - clock.now()), signal);
  }
}

/** The round's outcome, or 'deadline' when the bound comes first. */
async function untilDeadline(
  round: Promise<Done>,
  deadline: number,
  { clock, signal }: ConvergeOptions,
): Promise<Done | 'deadline'> {
  const timer = new AbortController();
  const onAbort = (): void => timer.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const bound = clock
      .sleep(Math.max(0, deadline - clock.now()), timer.signal)
      .then(() => 'deadline' as const);
    return await Promise.race([round, bound]);
  } finally {
    timer.abort();
    signal.removeEventListener('abort', onAbort);
  }
}

function diverged(done: Done, first: number, now: number, rounds: number): Convergence {
  const judgement = done.judgement as Extract<Judgement, { ok: false }>;
  return { status: 'diverged', ms: now - first, rounds, round: done.round, judgement };
}
