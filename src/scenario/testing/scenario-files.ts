import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary directory holding the files a test writes. */
export async function scenarioDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'firedrill-scenario-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

/** A valid drill for the test registries; tests replace one part of it. */
export const validDrill = `apiVersion: firedrill/v1
kind: Drill
name: web-kill
target:
  type: process
  nodes:
    web:
      command: [node, server.js]
      ports: { http: 8080 }
probes:
  - name: health
    role: steady
    type: http
    url: http://127.0.0.1:\${nodes.web.port.http}/health
    interval: 250ms
  - name: noticed
    role: detect
    type: exec
    command: [sh, -c, 'grep -q failover state']
faults:
  - name: kill-web
    type: kill
    node: web
    at: 2s
    duration: 10s
objectives:
  detect: 2s
  recover: 10s
`;
