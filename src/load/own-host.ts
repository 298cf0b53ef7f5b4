import { isIP } from 'node:net';
import { UsageError } from '../common/errors.js';
import type { TemplateValues } from '../targets/target.js';

function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/**
 * Load and ledger traffic goes only to loopback and to the hosts of the drill's own nodes and
 * links (`${nodes.<n>.host}`): firedrill never aims a load test at a machine the scenario does
 * not own.
 */
export function requireOwnHost(url: URL, values: TemplateValues, where: string): void {
  const host = url.hostname;
  if (isLoopback(host)) return;
  const own = Object.entries(values)
    .filter(([key]) => /^(nodes|links)\.[^.]+\.host$/.test(key))
    .map(([, value]) => value);
  if (own.includes(host)) return;
  throw new UsageError(`${where}: ${url.href} is not a host of this drill`, {
    hint: 'aim load and ledger writes at loopback or ${nodes.<node>.host} / ${links.<link>.host}',
  });
}
