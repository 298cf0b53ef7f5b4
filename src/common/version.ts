import { readFileSync } from 'node:fs';

/** firedrill's own version, from its package.json. */
export function firedrillVersion(): string {
  const url = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}
