import type { RequestResult } from '../engine/measure/index.js';

interface Point {
  metric: string;
  type: string;
  data: { time: string; value: number; tags?: Record<string, string> | null };
}

/**
 * Turns k6's `--out json` lines into one RequestResult per HTTP request. k6 writes each request's
 * metrics together, all stamped with the request's end (wall time): `http_req_duration` gives the
 * latency (and so the start: end − duration), `http_req_failed` whether it failed (status outside
 * 200-399 or no response). Scripts whose responseCallback disables http_req_failed fall back to
 * the `expected_response` tag. Wall times become run-clock instants through `originWallMs`.
 */
export class K6Points {
  private requests: RequestResult[] = [];
  /** Requests whose http_req_failed point has not been seen yet, by end time and tags. */
  private readonly awaitingFailed = new Map<string, RequestResult>();
  /** http_req_failed points that came before their duration (not k6's order, but cheap to allow). */
  private readonly earlyFailed = new Map<string, boolean>();
  malformed = 0;
  /** Arrivals k6 could not start for lack of VUs (`dropped_iterations`). */
  dropped = 0;

  constructor(private readonly originWallMs: number) {}

  /** One line of k6's JSON output; lines of other metrics are skipped before parsing. */
  push(line: string): void {
    if (!line.includes('"Point"')) return;
    const wanted = ['"http_req_duration"', '"http_req_failed"', '"dropped_iterations"'];
    if (!wanted.some((metric) => line.includes(metric))) return;
    let point: Point;
    try {
      point = JSON.parse(line) as Point;
    } catch {
      this.malformed++;
      return;
    }
    if (point.type !== 'Point') return;
    if (point.metric === 'dropped_iterations') {
      this.dropped += point.data.value;
      return;
    }
    const endWall = parseWallTime(point.data.time);
    if (endWall === undefined) {
      this.malformed++;
      return;
    }
    const key = `${point.data.time}\0${JSON.stringify(point.data.tags ?? {})}`;
    if (point.metric === 'http_req_duration') this.addDuration(point, endWall, key);
    else if (point.metric === 'http_req_failed') this.addFailed(point.data.value !== 0, key);
  }

  /** Every request so far, ordered by start. */
  results(): RequestResult[] {
    return [...this.requests].sort((a, b) => a.at - b.at);
  }

  /**
   * Hands over the requests so far and forgets them, except those still waiting for their
   * http_req_failed point (their outcome may yet change).
   */
  drain(): RequestResult[] {
    const waiting = new Set(this.awaitingFailed.values());
    const drained = this.requests.filter((r) => !waiting.has(r));
    this.requests = this.requests.filter((r) => waiting.has(r));
    return drained;
  }

  private addDuration(point: Point, endWall: number, key: string): void {
    const latencyMs = point.data.value;
    const request: RequestResult = {
      at: endWall - latencyMs - this.originWallMs,
      ok: point.data.tags?.expected_response !== 'false',
      latencyMs,
    };
    this.requests.push(request);
    const failed = this.earlyFailed.get(key);
    if (failed !== undefined) {
      this.earlyFailed.delete(key);
      request.ok = !failed;
    } else this.awaitingFailed.set(key, request);
    // Points of one request arrive together: anything older is not going to be paired.
    if (this.awaitingFailed.size > 10_000) this.awaitingFailed.clear();
  }

  private addFailed(failed: boolean, key: string): void {
    const request = this.awaitingFailed.get(key);
    if (request) {
      this.awaitingFailed.delete(key);
      request.ok = !failed;
    } else if (this.earlyFailed.size < 10_000) this.earlyFailed.set(key, failed);
  }
}

/**
 * `2024-05-01T10:00:00.123456789Z` (or with an offset) → epoch ms with the sub-millisecond part
 * kept (Date.parse drops it).
 */
export function parseWallTime(text: string): number | undefined {
  const match = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(text);
  if (!match) return undefined;
  const seconds = Date.parse(`${match[1]}${match[3]}`);
  if (Number.isNaN(seconds)) return undefined;
  const fraction = match[2] ? Number(`0.${match[2]}`) * 1000 : 0;
  return seconds + fraction;
}
