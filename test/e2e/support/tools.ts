import { findTool, toolInstallHint, type ToolName } from '../../../src/common/tools.js';
import { describeWhenPresent } from './requirements.js';

/** Looked for once per test file, the way firedrill looks (PATH, then Go's bin directories). */
const found = {
  k6: await findTool('k6'),
  'toxiproxy-server': await findTool('toxiproxy-server'),
} satisfies Record<ToolName, unknown>;

/** Why the tool cannot be used, or undefined when it is installed. */
export function toolMissing(name: ToolName): string | undefined {
  return found[name] ? undefined : `${name} is not installed: ${toolInstallHint(name)}`;
}

/** `describe` for suites that run a tool: skipped without it, failing when everything is required. */
export function describeWithTool(name: ToolName, title: string, suite: () => void): void {
  describeWhenPresent(toolMissing(name), title, suite);
}
