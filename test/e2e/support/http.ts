import { request } from 'node:http';

export interface HttpAnswer {
  status: number;
  body: string;
  /** From sending the request to the last byte of the body. */
  elapsedMs: number;
}

/**
 * One GET on a fresh connection (no keep-alive pool), timed with the monotonic clock, so each
 * call measures a whole round trip through whatever sits on the path.
 */
export function httpGet(url: string, timeoutMs = 10_000): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(url, { agent: false, signal: AbortSignal.timeout(timeoutMs) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          elapsedMs: performance.now() - started,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** The median of `count` sequential round trips (after one warm-up request). */
export async function medianRoundTrip(url: string, count = 5): Promise<number> {
  await httpGet(url);
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push((await httpGet(url)).elapsedMs);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}
