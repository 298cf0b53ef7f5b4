import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main.js';
import { scenarioDir } from '../../scenario/testing/scenario-files.js';

const drill = (target: string, extra = ''): string => `apiVersion: firedrill/v1
kind: Drill
name: k8s
target:
${target}
probes:
  - name: health
    role: steady
    type: http
    url: http://\${nodes.web.host}:\${nodes.web.port.8080}/health
  - name: ready
    role: detect
    type: kubernetes
    object: statefulset/web
    ready: { at_most: 2 }
${extra}faults:
  - name: delete-web
    type: delete-pod
    node: web
objectives:
  detect: 10s
  recover: 30s
`;

const goodTarget = `  type: kubernetes
  manifests: [./app.yaml]
  nodes:
    web: { pod: web-0, ports: [8080] }`;

async function validate(text: string) {
  const dir = await scenarioDir({ 'drill.yaml': text });
  const out: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const code = await main(['node', 'firedrill', 'validate', join(dir, 'drill.yaml')]);
  return { code, output: out.join('\n') };
}

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('validate: kubernetes drills', () => {
  it('accepts the target, the kubernetes probe, delete-pod and ${nodes.<n>.ip}', async () => {
    const exec = `  - name: in-cluster
    role: during
    type: exec
    node: web
    command: [wget, -qO-, 'http://\${nodes.web.ip}:8080/health']
`;
    const { code, output } = await validate(drill(goodTarget, exec));
    expect(output).toMatch(/^ok /);
    expect(code).toBe(0);
  });

  it('locates a target mistake with its field path and what was expected', async () => {
    const bad = goodTarget.replace('{ pod: web-0, ports: [8080] }', '{ pod: web-0, selector: app=web }');
    const { code, output } = await validate(drill(bad));
    expect(code).toBe(2);
    expect(output).toMatch(
      /drill\.yaml:\d+:\d+: .*target\.nodes\.web\.selector.*give `pod` or `selector`, not both/s,
    );
  });

  it('refuses a duration on delete-pod: it has nothing to revert', async () => {
    const text = drill(goodTarget).replace(
      '    node: web\nobjectives',
      '    node: web\n    duration: 5s\nobjectives',
    );
    const { code, output } = await validate(text);
    expect(code).toBe(2);
    expect(output).toMatch(/duration.*nothing to revert/s);
  });
});
