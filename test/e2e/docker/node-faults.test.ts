import { afterAll, beforeAll, expect, it } from 'vitest';
import { images } from '../../../src/common/images.js';
import { killInjector } from '../../../src/injectors/kill.js';
import { pauseInjector } from '../../../src/injectors/pause.js';
import { restartInjector } from '../../../src/injectors/restart.js';
import { startInjector } from '../../../src/injectors/start.js';
import { stopInjector } from '../../../src/injectors/stop.js';
import { dockerTarget } from '../../../src/targets/docker/docker-target.js';
import type { StartedDockerTarget } from '../../../src/targets/docker/started-docker-target.js';
import { describeWithDocker } from '../support/docker.js';
import { httpGet } from '../support/http.js';
import { removeRunLeftovers } from '../support/run-labels.js';
import { faultContext, inject, revert } from '../network/fault-harness.js';
import { labelledLeftovers, targetContext } from './target-context.js';

describeWithDocker('node faults on containers', () => {
  const context = targetContext();
  let target: StartedDockerTarget;
  let url = '';
  const healthy = () =>
    httpGet(url, 1000).then(
      (r) => r.status === 200,
      () => false,
    );
  const state = async () => (await target.node('web').inspect()).State;

  beforeAll(async () => {
    const config = dockerTarget.schema.parse({
      type: 'docker',
      nodes: { web: { image: images.httpEcho, ports: [8080], wait: { http: '/health' } } },
    });
    target = await dockerTarget.start(config, context);
    url = `http://127.0.0.1:${target.templateValues()['nodes.web.port.8080']}/health`;
  });

  afterAll(async () => {
    await target?.stop();
    expect(await labelledLeftovers()).toEqual({ containers: 0, networks: 0 });
    await removeRunLeftovers();
  });

  it('kill: the container exited by SIGKILL (137); with a duration, undo starts it again', async () => {
    const { effect, undo } = await inject(
      killInjector,
      { type: 'kill', node: 'web', duration: '1s' },
      faultContext(target, context),
    );
    expect(effect.summary).toBe(`killed web (container ${target.node('web').id.slice(0, 12)})`);
    expect(await target.node('web').isRunning()).toBe(false);
    await expect.poll(state).toMatchObject({ Running: false, ExitCode: 137 });
    expect(await healthy()).toBe(false);
    await revert(undo, target);
    expect(await healthy()).toBe(true);
  });

  it('pause: the container is frozen and requests hang; undo unpauses it', async () => {
    const { undo } = await inject(
      pauseInjector,
      { type: 'pause', node: 'web' },
      faultContext(target, context),
    );
    expect(await state()).toMatchObject({ Running: true, Paused: true });
    await expect(httpGet(url, 700)).rejects.toThrow();
    await revert(undo, target);
    expect((await state()).Paused).toBe(false);
    expect(await healthy()).toBe(true);
  });

  it('stop then start: stopped gracefully, started and ready again', async () => {
    const stopped = await inject(stopInjector, { type: 'stop', node: 'web' }, faultContext(target, context));
    expect(await state()).toMatchObject({ Running: false, ExitCode: 143 });
    await inject(startInjector, { type: 'start', node: 'web' }, faultContext(target, context));
    expect(await healthy()).toBe(true);
    // Its undo (start again) now finds the node running: nothing to do.
    expect(await revert(stopped.undo, target)).toEqual(['web already running']);
  });

  it('restart: a new start time, serving again when it returns', async () => {
    const before = (await state()).StartedAt;
    const { effect } = await inject(
      restartInjector,
      { type: 'restart', node: 'web' },
      faultContext(target, context),
    );
    expect(effect.summary).toMatch(/^restarted web/);
    expect((await state()).StartedAt).not.toBe(before);
    expect(await healthy()).toBe(true);
  });

  it('the undo steps replay without the live target (firedrill cleanup after a crash)', async () => {
    const { undo } = await inject(
      pauseInjector,
      { type: 'pause', node: 'web' },
      faultContext(target, context),
    );
    expect(await revert(undo)).toEqual(['unpaused container web']);
    expect((await state()).Paused).toBe(false);
  });
});
