import { expect, it } from 'vitest';
import { describeWithDocker } from '../support/docker.js';
import { leftoversOf, runDrillFixture } from './drill-cli.js';

describeWithDocker('a docker drill through the CLI', () => {
  it('kills the container, its restart policy brings it back, TTR is measured and the run leaves nothing', async () => {
    const run = await runDrillFixture('docker-kill-restart.yaml', 'docker-kill-restart');
    expect(run.result.verdict, run.stdout + run.stderr).toBe('passed');
    expect(run.exitCode).toBe(0);
    const ttr = run.result.measurements?.recover;
    if (ttr?.status !== 'measured') throw new Error(`TTR not measured: ${JSON.stringify(ttr)}`);
    // Docker restarts after 100 ms, then the server needs a moment: well under a second, never zero.
    expect(ttr.ms).toBeGreaterThan(50);
    expect(ttr.ms).toBeLessThan(3000);
    expect(run.stdout).toMatch(/fault kill-web: killed web \(container [0-9a-f]{12}\)/);
    expect(await leftoversOf(run.result.runId)).toEqual({ containers: 0, networks: 0 });
  });
});
