import { spawn } from 'node:child_process';
import { TargetError } from '../common/errors.js';
import { commandSaid } from '../common/exec-error.js';
import { requireTool } from '../common/tools.js';
import type { TargetContext } from '../targets/target.js';
import { LOOPBACK, freePorts } from '../targets/process/free-port.js';
import { readProcStatSync } from '../targets/process/proc-stat.js';
import { terminateProcessGroup } from '../targets/process/process-signal.js';
import { relayAfterExit } from '../targets/process/stream-relay.js';
import { waitForApi, type ToxiproxyServer } from './toxiproxy-server.js';

const START_TIMEOUT_MS = 10_000;

/** `toxiproxy-server` as a local process on 127.0.0.1 (process targets): proxies listen on loopback too. */
export async function startToxiproxyProcess(
  context: Pick<TargetContext, 'recordResource' | 'signal' | 'clock'>,
): Promise<ToxiproxyServer> {
  const tool = await requireTool('toxiproxy-server', { signal: context.signal });
  const [apiPort] = await freePorts(1);
  // Its own process group, like the nodes: cleanup ends the group, a Ctrl-C does not reach it first.
  const child = spawn(tool.path, ['-host', LOOPBACK, '-port', String(apiPort)], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // Node reaps the child when it exits: until then it lingers as a zombie.
  const reaped = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const pid = child.pid;
  if (pid === undefined) throw new TargetError(`could not start ${tool.path}`);
  const identity = { pid, startTime: readProcStatSync(pid)?.startTime ?? 'unknown' };
  await context.recordResource({ kind: 'process', ...identity, description: 'toxiproxy-server' });
  const stop = async (): Promise<void> => {
    await terminateProcessGroup(identity, { graceMs: 2000, clock: context.clock });
    await reaped;
  };
  const url = `http://${LOOPBACK}:${apiPort}`;
  if (!(await waitForApi(url, START_TIMEOUT_MS, context.signal))) {
    await stop();
    throw new TargetError(`toxiproxy-server did not answer on ${url} within ${START_TIMEOUT_MS / 1000}s`, {
      hint: commandSaid({ stdout: '', stderr }) || `run ${tool.path} -help to check the binary`,
    });
  }
  return {
    kind: 'process',
    url,
    listenAddress: (port) => `${LOOPBACK}:${port}`,
    hostAddress: (port) => ({ host: LOOPBACK, port }),
    alias: LOOPBACK,
    shared: false,
    async stop(options = {}) {
      if (options.keep) {
        child.unref();
        relayAfterExit(child.stderr);
        return;
      }
      await stop();
    },
  };
}
