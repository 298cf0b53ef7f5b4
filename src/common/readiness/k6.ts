import { findTool, pinnedToolVersions, toolInstallHint, type FoundTool } from '../tools.js';
import type { CheckResult, ReadinessCheck } from './check.js';

/** Load falls back to the built-in HTTP load without k6, so it never blocks. */
export function assessK6(tool: FoundTool | undefined): CheckResult {
  const pinned = pinnedToolVersions.k6;
  if (!tool) {
    return {
      status: 'missing',
      detail: 'not found: load uses the built-in constant-rate HTTP load',
      fix: toolInstallHint('k6'),
    };
  }
  if (tool.version === pinned) return { status: 'ok', detail: `${tool.path} v${tool.version}` };
  return {
    status: 'warn',
    detail: `${tool.path} v${tool.version ?? '?'} (pinned v${pinned})`,
    fix: toolInstallHint('k6'),
  };
}

export const k6Check: ReadinessCheck = {
  name: 'k6',
  blocking: false,
  run: async (context) => assessK6(await findTool('k6', { env: context.env, signal: context.signal })),
};
