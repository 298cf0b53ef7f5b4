import { describe, expect, it } from 'vitest';
import { K6Points, parseWallTime } from './k6-points.js';

const origin = Date.parse('2026-01-01T10:00:00Z');
const point = (metric: string, time: string, value: number, tags: Record<string, string> = {}) =>
  JSON.stringify({ metric, type: 'Point', data: { time, value, tags } });

describe('k6 JSON points', () => {
  it('pairs each request duration with its http_req_failed point, dated at its start on the run clock', () => {
    const points = new K6Points(origin);
    const ok = { expected_response: 'true', method: 'GET', status: '200' };
    const bad = { expected_response: 'false', method: 'GET', status: '502' };
    const lines = [
      '{"type":"Metric","data":{"name":"http_req_duration","type":"trend"},"metric":"http_req_duration"}',
      point('http_reqs', '2026-01-01T10:00:01.500000000Z', 1, ok),
      point('http_req_duration', '2026-01-01T10:00:01.500000000Z', 12.5, ok),
      point('http_req_blocked', '2026-01-01T10:00:01.500000000Z', 0.1, ok),
      point('http_req_failed', '2026-01-01T10:00:01.500000000Z', 0, ok),
      point('http_req_duration', '2026-01-01T10:00:02.000250000Z', 3, bad),
      point('http_req_failed', '2026-01-01T10:00:02.000250000Z', 1, bad),
      point('dropped_iterations', '2026-01-01T10:00:02.100000000Z', 1),
      'not json at all "Point" "http_req_duration"',
    ];
    for (const line of lines) points.push(line);
    expect(points.results()).toEqual([
      { at: 1487.5, ok: true, latencyMs: 12.5 },
      { at: 1997.25, ok: false, latencyMs: 3 },
    ]);
    expect(points.dropped).toBe(1);
    expect(points.malformed).toBe(1);
  });

  it('without http_req_failed points (responseCallback off), falls back to the expected_response tag', () => {
    const points = new K6Points(origin);
    points.push(point('http_req_duration', '2026-01-01T10:00:01Z', 5, { expected_response: 'false' }));
    points.push(point('http_req_duration', '2026-01-01T10:00:02Z', 5, {}));
    expect(points.results().map((r) => r.ok)).toEqual([false, true]);
  });

  it('a status-0 failure (no response) counts as failed', () => {
    const points = new K6Points(origin);
    const tags = { expected_response: 'false', status: '0', error_code: '1212' };
    points.push(point('http_req_duration', '2026-01-01T10:00:01Z', 0, tags));
    points.push(point('http_req_failed', '2026-01-01T10:00:01Z', 1, tags));
    expect(points.results()).toEqual([{ at: 1000, ok: false, latencyMs: 0 }]);
  });

  it('keeps sub-millisecond wall times and honours offsets', () => {
    expect(parseWallTime('2026-01-01T10:00:00.123456789Z')! - origin).toBeCloseTo(123.457, 3);
    expect(parseWallTime('2026-01-01T12:00:00.5+02:00')! - origin).toBe(500);
    expect(parseWallTime('2026-01-01T10:00:00Z')).toBe(origin);
    expect(parseWallTime('yesterday')).toBeUndefined();
  });
});
