import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeWithDocker } from '../support/docker.js';
import { leftoversOf, runDrillFixture } from '../docker/drill-cli.js';

describeWithDocker('log detect probe on a container', () => {
  it('finds the line the container wrote and times detection within 100 ms of when it wrote it', async () => {
    const run = await runDrillFixture('docker-log-detect.yaml', 'docker-log-detect');
    expect(run.result.verdict, run.stdout + run.stderr).toBe('passed');
    expect(run.exitCode).toBe(0);
    const detect = run.result.measurements?.detect;
    if (detect?.status !== 'measured') throw new Error(`TTD not measured: ${JSON.stringify(detect)}`);
    expect(detect.signal).toBe('odown');
    expect(detect.resolution.basis).toBe('log line arrival');

    // The container stamped the line with its own clock (the host's): the truth.
    const line = readFileSync(join(run.runDir, 'nodes/watcher.log'), 'utf8')
      .split('\n')
      .find((l) => l.includes('+odown web wall='));
    const writtenWall = Number(/wall=(\d+)/.exec(line ?? '')?.[1]);
    expect(writtenWall).toBeGreaterThan(0);
    const detectedWall = Date.parse(run.result.clockOrigin) + detect.at!;
    expect(Math.abs(detectedWall - writtenWall)).toBeLessThanOrEqual(100);
    // The probe ticks every 500 ms; the figure does not carry that coarseness.
    const sample = run.result.samples.find((s) => s.probe === 'odown' && s.ok);
    expect(sample?.detail).toMatch(/^watcher: \+odown web wall=\d+$/);
    // 3 failed checks 100 ms apart after the stop. Docker may take longer than that to confirm the
    // stop (t0); a signal between the stop call and t0 is a detection, counted as TTD 0.
    expect(detect.ms).toBeGreaterThanOrEqual(0);
    expect(detect.ms).toBeLessThan(1500);
    const stop = run.result.timeline.faults.find((f) => f.id === 'stop-web');
    // The third failed check comes at least two 100 ms sleeps after the first, which may follow the
    // stop's start at once: the line cannot be written sooner than 200 ms after it.
    expect(detect.at!).toBeGreaterThan(stop!.startedAt! + 200);
    expect(await leftoversOf(run.result.runId)).toEqual({ containers: 0, networks: 0 });
  });
});
