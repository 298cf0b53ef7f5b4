import { dockerEndpoint, probeDocker } from '../../../src/common/docker.js';
import { describeWhenPresent, everythingRequired } from './requirements.js';

/** CI sets FIREDRILL_REQUIRE_DOCKER=1: there a missing engine fails the suite instead of skipping it. */
export const dockerRequired = everythingRequired;

// Asked once per test file, before its suites are declared.
const probe = await probeDocker({ timeoutMs: 5_000 });

/** Why Docker cannot be used, or undefined when it can. */
export const dockerUnavailable: string | undefined = probe.reachable
  ? undefined
  : `Docker engine not reachable at ${dockerEndpoint()}: ${probe.error} ` +
    '(start it, e.g. `sudo bash scripts/setup-env.sh`)';

/**
 * For use inside a test or hook: returns when Docker answers; otherwise fails when Docker is
 * required, else skips the test (pass the vitest context).
 */
export function requireDocker(context?: { skip: (note?: string) => void }): void {
  if (!dockerUnavailable) return;
  if (dockerRequired || !context) throw new Error(`${dockerUnavailable}; FIREDRILL_REQUIRE_DOCKER=1`);
  context.skip(dockerUnavailable);
}

/**
 * `describe` for suites that need a Docker engine. Without one the suite is skipped, or, with
 * FIREDRILL_REQUIRE_DOCKER=1, replaced by a single failing test that says why (its hooks never
 * run, so nothing tries to start a container).
 */
export function describeWithDocker(name: string, suite: () => void): void {
  describeWhenPresent(dockerUnavailable, name, suite);
}
