import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { EnvironmentError } from './errors.js';

const run = promisify(execFile);

/** The external binaries firedrill drives. */
export type ToolName = 'k6' | 'toxiproxy-server';

/** The versions the project pins (scripts/setup-env.sh builds exactly these). */
export const pinnedToolVersions: Record<ToolName, string> = {
  k6: '2.2.0',
  'toxiproxy-server': '2.12.0',
};

interface ToolSpec {
  versionArgs: string[];
  /** Other names the binary has in Go's bin directories (`go install .../cmd/server` makes `server`). */
  goBinAliases: string[];
  /** The version output must mention this, so a stray `server` is not taken for Toxiproxy. */
  identity: string;
}

const specs: Record<ToolName, ToolSpec> = {
  k6: { versionArgs: ['version'], goBinAliases: [], identity: 'k6' },
  'toxiproxy-server': { versionArgs: ['-version'], goBinAliases: ['server'], identity: 'toxiproxy' },
};

export interface FoundTool {
  name: ToolName;
  path: string;
  /** `2.2.0`; undefined when the binary does not tell. */
  version: string | undefined;
}

export interface FindToolOptions {
  env?: NodeJS.ProcessEnv;
  /** Bounds each binary run (version queries); default 5 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Go workspaces whose `bin` to search; default `$GOPATH` or `go env GOPATH`, `~/go`, `/root/go`. */
  goPaths?: string[];
}

/**
 * Locates a tool: each `PATH` entry, then `$(go env GOPATH)/bin`, `~/go/bin` and `/root/go/bin`
 * (where `go install` puts it). Undefined when it is nowhere.
 */
export async function findTool(
  name: ToolName,
  options: FindToolOptions = {},
): Promise<FoundTool | undefined> {
  const env = options.env ?? process.env;
  const spec = specs[name];
  const pathDirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const goDirs = await goBinDirs(env, options);
  const candidates = [
    ...pathDirs.map((dir) => join(dir, name)),
    ...goDirs.flatMap((dir) => [name, ...spec.goBinAliases].map((file) => join(dir, file))),
  ];
  for (const path of unique(candidates)) {
    if (!(await isExecutable(path))) continue;
    const output = await versionOutput(path, spec.versionArgs, options);
    if (output === undefined || !output.toLowerCase().includes(spec.identity)) continue;
    const version = parseToolVersion(output) ?? (await goModuleVersion(path, env, options));
    return { name, path, version };
  }
  return undefined;
}

/** Like `findTool`, but a missing tool is an EnvironmentError telling how to get it. */
export async function requireTool(name: ToolName, options: FindToolOptions = {}): Promise<FoundTool> {
  const tool = await findTool(name, options);
  if (tool) return tool;
  throw new EnvironmentError(`${name} was not found on PATH nor in Go's bin directories`, {
    hint: toolInstallHint(name),
  });
}

export function toolInstallHint(name: ToolName): string {
  return `run \`sudo bash scripts/setup-env.sh\` (builds ${name} v${pinnedToolVersions[name]} into /usr/local/bin)`;
}

/** `k6 v2.2.0 (commit/devel, ...)` → `2.2.0`; `toxiproxy-server version git` → undefined. */
export function parseToolVersion(output: string): string | undefined {
  const firstLine = output.split('\n', 1)[0] ?? '';
  return /\bv?(\d+\.\d+\.\d+)\b/.exec(firstLine)?.[1];
}

/** The main module's version in `go version -m` output (for binaries built without a stamped version). */
export function parseGoModuleVersion(buildInfo: string): string | undefined {
  const line = buildInfo.split('\n').find((l) => l.trim().startsWith('mod\t') || l.trim().startsWith('mod '));
  return line ? /\bv(\d+\.\d+\.\d+)\b/.exec(line)?.[1] : undefined;
}

async function goBinDirs(env: NodeJS.ProcessEnv, options: FindToolOptions): Promise<string[]> {
  if (options.goPaths) return unique(options.goPaths.map((dir) => join(dir, 'bin')));
  const gopaths = env.GOPATH ? env.GOPATH.split(delimiter) : [];
  const go = await findGo(env);
  if (go && gopaths.length === 0) {
    const out = await capture(go, ['env', 'GOPATH'], env, options);
    if (out?.trim()) gopaths.push(...out.trim().split(delimiter));
  }
  gopaths.push(join(homedir(), 'go'), '/root/go');
  return unique(gopaths.map((dir) => join(dir, 'bin')));
}

async function findGo(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const dirs = [...(env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/local/go/bin'];
  for (const dir of dirs) if (await isExecutable(join(dir, 'go'))) return join(dir, 'go');
  return undefined;
}

async function goModuleVersion(
  path: string,
  env: NodeJS.ProcessEnv,
  options: FindToolOptions,
): Promise<string | undefined> {
  const go = await findGo(env);
  const out = go ? await capture(go, ['version', '-m', path], env, options) : undefined;
  return out ? parseGoModuleVersion(out) : undefined;
}

function versionOutput(path: string, args: string[], options: FindToolOptions): Promise<string | undefined> {
  return capture(path, args, options.env ?? process.env, options);
}

/** stdout+stderr of a short command; undefined when it cannot run or fails. */
async function capture(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  options: FindToolOptions,
): Promise<string | undefined> {
  try {
    const { stdout, stderr } = await run(file, args, {
      env,
      timeout: options.timeoutMs ?? 5_000,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return `${stdout}${stderr}`;
  } catch {
    return undefined;
  }
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
