import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { validateFile } from '../../scenario/kinds.js';
import { main } from '../main.js';

const COMPOSE = `name: shop
services:
  web:
    build: .
    command: node server.js --port 8080
    environment: [DB_URL=postgres://db:5432/shop, DEBUG]
    ports: ['127.0.0.1:8080:8080']
    depends_on: [db]
  db:
    image: postgres:15
    environment: { POSTGRES_PASSWORD: drill, PGPORT: 5432 }
    expose: ['5432']
    restart: unless-stopped
  worker:
    image: busybox
    command: [sh, -c, 'while true; do sleep 1; done']
`;

async function firedrill(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  const code = await main(['node', 'firedrill', ...args]);
  vi.restoreAllMocks();
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

function composeDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-init-'));
  writeFileSync(join(dir, 'compose.yaml'), COMPOSE);
  return dir;
}

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('firedrill init --compose-file', () => {
  it('writes a commented starter drill that validates as written', async () => {
    const dir = composeDir();
    const file = join(dir, 'drill.yaml');
    const { code, stdout } = await firedrill('init', '--compose-file', join(dir, 'compose.yaml'), file);
    expect(code).toBe(0);
    expect(stdout).toContain(`wrote ${file}: 3 node(s)`);
    expect(await validateFile(file)).toEqual([]);

    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=\S*scenarios\/schema\.json\n/);
    expect(text).toContain('# Built by compose: `docker compose build` makes the image shop-web.');
    const drill = parse(text) as {
      name: string;
      target: { nodes: Record<string, unknown> };
      probes: Array<{ name: string; type: string }>;
      faults: unknown;
      objectives: unknown;
    };
    expect(drill.name).toBe('shop-starter');
    // Nodes start in declaration order: db before web, which depends on it.
    expect(Object.keys(drill.target.nodes)).toEqual(['db', 'web', 'worker']);
    expect(drill.target).toEqual({
      type: 'docker',
      nodes: {
        db: {
          image: 'postgres:15',
          env: { POSTGRES_PASSWORD: 'drill', PGPORT: '5432' },
          ports: [5432],
          restart: 'unless-stopped',
        },
        web: {
          image: 'shop-web',
          command: ['node', 'server.js', '--port', '8080'],
          env: { DB_URL: 'postgres://db:5432/shop' },
          ports: [8080],
          restart: 'always',
        },
        worker: {
          image: 'busybox',
          command: ['sh', '-c', 'while true; do sleep 1; done'],
          restart: 'always',
        },
      },
    });
    expect(drill.probes.map((p) => `${p.name}:${p.type}`)).toEqual([
      'db-tcp-5432:tcp',
      'web-tcp-8080:tcp',
      'worker-running:exec',
    ]);
    expect(drill.probes[1]).toMatchObject({ host: '${nodes.web.host}', port: '${nodes.web.port.8080}' });
    expect(drill.faults).toEqual([{ name: 'kill-db', type: 'kill', node: 'db' }]);
    expect(drill.objectives).toEqual({ recover: '30s' });
  });

  it('refuses to overwrite a file unless --force, and writes to stdout with -', async () => {
    const dir = composeDir();
    const file = join(dir, 'drill.yaml');
    writeFileSync(file, 'mine\n');
    const refused = await firedrill('init', '--compose-file', join(dir, 'compose.yaml'), file);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${file} exists: firedrill init does not overwrite it`);
    expect(readFileSync(file, 'utf8')).toBe('mine\n');

    const forced = await firedrill('init', '--compose-file', join(dir, 'compose.yaml'), file, '--force');
    expect(forced.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('kind: Drill');

    const printed = await firedrill('init', '--compose-file', join(dir, 'compose.yaml'), '-');
    expect(printed.code).toBe(0);
    const withoutModeline = (text: string): string => text.slice(text.indexOf('\n'));
    expect(withoutModeline(printed.stdout)).toBe(withoutModeline(readFileSync(file, 'utf8')));
  });

  it('asks for exactly one source, and names a compose file without services', async () => {
    const none = await firedrill('init', '-');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('name exactly one source');
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-init-'));
    writeFileSync(join(dir, 'compose.yaml'), 'version: "3"\n');
    const empty = await firedrill('init', '--compose-file', join(dir, 'compose.yaml'), '-');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('compose.yaml: no `services:` found');
  });
});
