import { expect, it } from 'vitest';
import { leftoversOf, runDrillFixture } from '../docker/drill-cli.js';
import { describeWithDocker } from '../support/docker.js';

describeWithDocker('resource and state faults in a docker drill through the CLI', () => {
  it('injects each fault verified, reverts each after its duration, passes and leaves nothing', async () => {
    const run = await runDrillFixture('fault-docker-resources.yaml', 'fault-docker-resources');
    expect(run.result.verdict, run.stdout + run.stderr).toBe('passed');
    expect(run.exitCode).toBe(0);
    const faults = Object.fromEntries(run.result.timeline.faults.map((f) => [f.id, f]));
    expect(faults.fill?.summary).toMatch(
      /^filled \/data in web with 30\.4 MiB .* -> 30\.4 MiB used of 32 MiB \(95%\)$/,
    );
    expect(faults.hog?.summary).toMatch(
      /^holding 64 MiB in web \(shell hog, pid \d+\): anonymous memory .* of a 128 MiB limit$/,
    );
    expect(faults.busy?.summary).toMatch(/^1 worker at 50% busy in web \(pids \d+\)$/);
    expect(faults.page?.summary).toBe('ran `echo maintenance > /tmp/mode` in web (exit 0)');
    expect(faults.drift?.summary).toBe('drift (mild) in web: rewrote /www/index.html');
    expect(faults.ping?.summary).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/cgi-bin\/echo answered 200: /);
    expect(faults.flip?.summary).toMatch(/^flipped a bit in 1 byte of \/www\/health in web at offset [0-2]$/);
    for (const id of ['fill', 'hog', 'busy', 'page', 'drift']) {
      const fault = faults[id];
      expect(fault?.effectAt, id).toBeDefined();
      expect(fault?.revertedAt, id).toBeGreaterThanOrEqual((fault?.effectAt ?? 0) + 1000);
      expect(
        fault?.reverts?.map((r) => r.ok),
        id,
      ).toEqual([true]);
    }
    expect(await leftoversOf(run.result.runId)).toEqual({ containers: 0, networks: 0 });
  });
});
