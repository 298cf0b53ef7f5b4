import type { CheckResult, ReadinessCheck } from './check.js';
import { isAtLeast } from './version.js';

/** package.json `engines.node`. */
export const MINIMUM_NODE = '20.19.0';

export function assessNodeVersion(version: string): CheckResult {
  if (isAtLeast(version, MINIMUM_NODE)) return { status: 'ok', detail: `${version} (needs >= 20.19)` };
  return {
    status: 'missing',
    detail: `${version} is older than 20.19`,
    fix: 'install Node.js 20.19 or newer (https://nodejs.org), e.g. `nvm install 20`',
  };
}

export const nodeVersionCheck: ReadinessCheck = {
  name: 'Node.js',
  blocking: true,
  run: async (context) => assessNodeVersion(context.nodeVersion),
};
