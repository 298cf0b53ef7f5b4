import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { choosePod, describePod, exitReported, isContainerRunning, runtimeId } from './pod-state.js';

function pod(
  name: string,
  options: { labels?: Record<string, string>; ready?: boolean; deleting?: boolean; uid?: string } = {},
): V1Pod {
  return {
    metadata: {
      name,
      namespace: 'ns',
      uid: options.uid ?? `uid-${name}`,
      labels: options.labels ?? {},
      ...(options.deleting && { deletionTimestamp: new Date() }),
    },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: options.ready === false ? 'False' : 'True' }],
      containerStatuses: [
        {
          name: 'app',
          image: 'x',
          imageID: 'x',
          ready: options.ready !== false,
          restartCount: 0,
          containerID: `containerd://id-${name}`,
          state: { running: {} },
        },
      ],
    },
  };
}

describe('choosePod', () => {
  it('finds a pod by name, but not one being deleted (a StatefulSet pod replaced under its name)', () => {
    const old = pod('web-0', { deleting: true, uid: 'old' });
    const fresh = pod('web-0', { uid: 'new' });
    expect(choosePod([old], { pod: 'web-0' }).pod).toBeUndefined();
    expect(choosePod([old, fresh], { pod: 'web-0' }).pod?.metadata?.uid).toBe('new');
  });

  it('finds the one live pod a selector matches: a Deployment pod under its new name', () => {
    const old = pod('web-abc', { labels: { app: 'web' }, deleting: true });
    const fresh = pod('web-def', { labels: { app: 'web' } });
    const other = pod('db-0', { labels: { app: 'db' } });
    expect(choosePod([old, fresh, other], { selector: 'app=web' }).pod?.metadata?.name).toBe('web-def');
  });

  it('prefers the one Ready pod among several matches, and calls two Ready ones ambiguous', () => {
    const a = pod('web-a', { labels: { app: 'web' } });
    const b = pod('web-b', { labels: { app: 'web' }, ready: false });
    expect(choosePod([a, b], { selector: 'app=web' }).pod?.metadata?.name).toBe('web-a');
    const c = pod('web-c', { labels: { app: 'web' } });
    expect(choosePod([c, a], { selector: 'app=web' })).toEqual({ ambiguous: ['web-a', 'web-c'] });
  });
});

describe('pod facts', () => {
  it('reads the runtime id without its scheme, the running state and a description', () => {
    const web = pod('web-0');
    expect(runtimeId(web.status!.containerStatuses![0])).toBe('id-web-0');
    expect(isContainerRunning(web, 'app')).toBe(true);
    expect(isContainerRunning(web, 'sidecar')).toBe(false);
    expect(describePod(web, 'app')).toBe('Running: Ready');
    expect(describePod(undefined, 'app')).toBe('no such pod');
    expect(describePod(pod('x', { deleting: true }), 'app')).toBe('being deleted');
  });
});

describe('exitReported (kill and stop wait for it)', () => {
  const before = { uid: 'uid-web-0', containerId: 'id-web-0', restartCount: 0 };

  it('is false while the API still shows the same instance running', () => {
    expect(exitReported(pod('web-0'), 'app', before)).toBe(false);
  });

  it('is true once the container is not running, restarted, or the pod is gone or replaced', () => {
    const exited = pod('web-0');
    exited.status!.containerStatuses![0]!.state = { terminated: { exitCode: 137 } };
    expect(exitReported(exited, 'app', before)).toBe(true);
    const restarted = pod('web-0');
    restarted.status!.containerStatuses![0]!.restartCount = 1;
    expect(exitReported(restarted, 'app', before)).toBe(true);
    expect(exitReported(undefined, 'app', before)).toBe(true);
    expect(exitReported(pod('web-0', { uid: 'new' }), 'app', before)).toBe(true);
  });
});
