import type { DockerProbe } from '../docker.js';
import type { CheckResult, ReadinessCheck } from './check.js';

export function assessDockerEngine(probe: DockerProbe, env: NodeJS.ProcessEnv): CheckResult {
  if (probe.reachable) {
    return {
      status: 'ok',
      detail: `engine ${probe.engineVersion}, API ${probe.apiVersion} at ${probe.endpoint}`,
    };
  }
  const fix = env.DOCKER_HOST
    ? `point DOCKER_HOST at a running engine or unset it (bare Debian host: sudo bash scripts/setup-env.sh)`
    : 'start the Docker engine (bare Debian host: `sudo bash scripts/setup-env.sh` installs and starts it)';
  return { status: 'missing', detail: `not reachable at ${probe.endpoint}: ${probe.error}`, fix };
}

export const dockerEngineCheck: ReadinessCheck = {
  name: 'Docker engine',
  blocking: true,
  run: async (context) => assessDockerEngine(await context.engine(), context.env),
};
