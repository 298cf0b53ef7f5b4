import type { RequestResult } from './measure/index.js';
import { countRequest, emptyLoadTally, type LoadTally } from './measure/load-tally.js';
import { Folding } from './folding.js';
import type { MeasureScope } from './measure-scope.js';
import { Retained } from './retained.js';
import type { SampleLog } from './sample-log.js';
import type { WindowStats } from './window-stats.js';

/**
 * The load's requests as the drill keeps them: each goes to the sample file and the per-window
 * summaries; the `load` steady signal keeps those the recovery maths may read (see
 * `MeasureScope`); availability and latency count every request, folding old ones into a tally.
 */
export class RequestStore {
  private readonly signal: Retained<RequestResult>;
  private readonly counted: Folding<RequestResult, LoadTally>;
  /** Every request taken in. */
  count = 0;

  constructor(
    scope: MeasureScope,
    clock: { now(): number },
    private readonly sinks: { log?: SampleLog | undefined; windows?: WindowStats | undefined } = {},
    limits: { retainAbove?: number; foldAbove?: number } = {},
  ) {
    // Dated as the `load` signal dates it (at its answer or timeout), so that the scope's
    // instants and the signal's order agree.
    this.signal = new Retained(
      scope,
      (r) => r.at + r.latencyMs,
      () => 'load',
      8,
      (r) => !r.ok,
      limits.retainAbove,
    );
    this.counted = new Folding<RequestResult, LoadTally>(
      scope,
      clock,
      {
        startOf: (r) => r.at,
        endOf: (r) => r.at + r.latencyMs,
        empty: emptyLoadTally,
        count: (tally, r, view) => countRequest(tally, r, view),
      },
      limits.foldAbove,
    );
  }

  add(requests: readonly RequestResult[]): void {
    for (const r of requests) {
      this.count++;
      this.sinks.log?.request(r);
      this.sinks.windows?.request(r);
      this.signal.push(r);
      this.counted.push(r);
    }
  }

  /** The requests the `load` signal's recovery maths may read. */
  signalRequests(): RequestResult[] {
    return [...this.signal.all];
  }

  /** Requests not folded, sent in [from, to): availability and latency count them one by one. */
  keptIn(from: number, to: number): RequestResult[] {
    return this.counted.kept.filter((r) => r.at >= from && r.at < to);
  }

  /** The requests of an iteration that were folded into counts. */
  tally(iteration: number): LoadTally | undefined {
    return this.counted.tally(iteration);
  }
}
