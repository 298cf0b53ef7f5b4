import { afterEach, describe, expect, it, vi } from 'vitest';
import { commands, namedCommand } from './commands/index.js';
import { main } from './main.js';

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('firedrill --help', () => {
  it('lists every command by its summary', async () => {
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    expect(await main(['node', 'firedrill', '--help'])).toBe(0);
    const help = out.join('');
    for (const [name, entry] of Object.entries(commands))
      expect(help).toMatch(
        new RegExp(`^\\s+${name}\\s+${entry.summary.slice(0, 30).replace(/[()]/g, '.')}`, 'm'),
      );
  });

  it('suggests the command a typo meant, without loading any command', async () => {
    const err: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
    expect(await main(['node', 'firedrill', 'valdate', 'x.yaml'])).toBe(2);
    expect(err.join('')).toContain('(Did you mean validate?)');
  });
});

describe('namedCommand', () => {
  it('finds the command after global options and after `help`, and nothing else', () => {
    expect(namedCommand(['--debug', 'run', 'x.yaml'])).toBe('run');
    expect(namedCommand(['help', 'init'])).toBe('init');
    expect(namedCommand(['--help'])).toBeUndefined();
    expect(namedCommand(['valdate', 'run'])).toBeUndefined();
    expect(namedCommand(['constructor'])).toBeUndefined();
  });
});
