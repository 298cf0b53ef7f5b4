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

const appManifest = `apiVersion: v1
kind: Pod
metadata: { name: web-0 }
spec: { containers: [{ name: web, image: firedrill/http-echo:1 }] }
`;

async function validate(text: string, files: Record<string, string> = { 'app.yaml': appManifest }) {
  const dir = await scenarioDir({ 'drill.yaml': text, ...files });
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

  it('refuses a manifest file that does not exist, relative to the drill file', async () => {
    const { code, output } = await validate(drill(goodTarget), {});
    expect(code).toBe(2);
    expect(output).toMatch(/drill\.yaml:\d+:\d+: .*target\.manifests\[0\]/s);
    expect(output).toMatch(/manifest file \.\/app\.yaml does not exist \(looked at \/.*\/app\.yaml\)/);
    expect(output).toMatch(
      /expected.*a YAML file of Kubernetes objects, relative to the drill file's directory/s,
    );
    expect(output).toMatch(/found.*no file at/s);
    expect(output).toMatch(/hint.*write the object inline/s);
  });

  it('refuses a manifest path that is a directory', async () => {
    const { code, output } = await validate(drill(goodTarget.replace('./app.yaml', '.')));
    expect(code).toBe(2);
    expect(output).toMatch(/manifest file \. is not a file/);
    expect(output).toMatch(/found.*a directory at/s);
  });
});
