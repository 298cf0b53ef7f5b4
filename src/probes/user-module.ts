import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError, errorMessage } from '../common/errors.js';

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts']);

/**
 * The absolute path of a user's module (a `module` probe or integrity driver), relative to the
 * scenario's directory. Checked before the drill disturbs anything: a typo must not surface mid-drill.
 */
export function resolveUserModule(path: string, baseDir: string, where: string): string {
  const absolute = resolve(baseDir, path);
  if (!existsSync(absolute)) {
    throw new UsageError(`${where}: module ${path} not found (looked at ${absolute})`, {
      hint: "module paths are relative to the scenario file's directory",
    });
  }
  return absolute;
}

/**
 * Imports a user's module: JavaScript as it is, TypeScript through tsx when it is installed
 * (firedrill does not bundle a compiler). Errors say which file and why.
 */
export async function importUserModule(absolute: string, where: string): Promise<Record<string, unknown>> {
  try {
    if (!TYPESCRIPT.has(extname(absolute))) return (await import(pathToFileURL(absolute).href)) as never;
    return (await importTypeScript(absolute, where)) as never;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${where}: could not load ${absolute}: ${errorMessage(error)}`, {
      hint: 'fix the module so that it loads with `node` (or `npx tsx` for TypeScript)',
      cause: error,
    });
  }
}

async function importTypeScript(absolute: string, where: string): Promise<unknown> {
  let api: { tsImport(specifier: string, parent: string): Promise<unknown> };
  try {
    api = (await import('tsx/esm/api')) as typeof api;
  } catch {
    throw new UsageError(`${where}: ${absolute} is TypeScript and tsx is not installed`, {
      hint: 'install tsx next to firedrill (npm install tsx), or write the module as .mjs',
    });
  }
  return api.tsImport(pathToFileURL(absolute).href, import.meta.url);
}

/** A module's export by name (`default` unless the scenario names another). */
export function moduleExport(module: Record<string, unknown>, name: string, where: string): unknown {
  if (name in module && module[name] !== undefined) return module[name];
  const names = Object.keys(module).filter((key) => key !== '__esModule');
  throw new UsageError(`${where}: the module has no export "${name}"`, {
    hint: names.length > 0 ? `it exports: ${names.join(', ')}` : 'it exports nothing',
  });
}
