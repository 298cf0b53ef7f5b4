import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let found: string | undefined;

/**
 * firedrill's own package directory (package.json, scenarios/, docker/). Found by walking up from
 * this module rather than by a fixed `../..`, because the same code runs at different depths: from
 * src/ in tests, from dist/ as tsc emits it, and from the CLI bundle's chunks (dist/bundle/).
 */
export function packageRoot(): string {
  found ??= findPackageRoot(dirname(fileURLToPath(import.meta.url)));
  return found;
}

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (isFiredrillPackage(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no firedrill package.json above ${start}`);
  }
}

function isFiredrillPackage(file: string): boolean {
  if (!existsSync(file)) return false;
  return (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === 'firedrill';
}
