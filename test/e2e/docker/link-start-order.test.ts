import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { readResult, runDirOf } from '../engine/run-cli.js';
import { runFiredrill } from '../support/cli.js';
import { describeWithDocker } from '../support/docker.js';
import { leftoversOf } from './drill-cli.js';

/**
 * A front proxy that, like nginx, resolves its upstream when it starts and refuses to start when
 * it cannot ("host not found in upstream"); its upstream is a link. It is declared first, so the
 * old order (every node, then the links) started it before Toxiproxy existed.
 */
const drill = `apiVersion: firedrill/v1
kind: Drill
name: link-start-order
target:
  type: docker
  nodes:
    front:
      image: firedrill/http-echo:1
      ports: [8080]
      wait: { http: /health, timeout: 20s }
      command: |
        upstream=\${links.api.alias}:\${links.api.port}
        getent hosts \${links.api.alias} > /dev/null || { echo "host not found in upstream $upstream" >&2; exit 1; }
        mkdir -p /w/cgi-bin && echo ok > /w/health
        cat > /w/cgi-bin/proxy <<EOF
        #!/bin/sh
        if body=\\$(busybox wget -q -O - http://$upstream/cgi-bin/echo); then
          printf 'Content-Type: application/json\\\\r\\\\n\\\\r\\\\n%s\\\\n' "\\$body"
        else
          printf 'Status: 502 Bad Gateway\\\\r\\\\nContent-Type: text/plain\\\\r\\\\n\\\\r\\\\nupstream down\\\\n'
        fi
        EOF
        chmod +x /w/cgi-bin/proxy
        exec busybox httpd -f -p 8080 -h /w
    api:
      image: firedrill/http-echo:1
      ports: [8080]
      wait: { http: /health }
links:
  api: { upstream: '\${nodes.api.alias}:8080', from: front }
probes:
  - name: through-front
    type: http
    role: steady
    url: http://\${nodes.front.host}:\${nodes.front.port.8080}/cgi-bin/proxy
    interval: 200ms
    timeout: 3s
faults:
  - name: api-link-down
    type: link
    link: api
    toxic: down
    duration: 2s
baseline: 1s
objectives:
  recover: 10s
timeouts: { recover: 30s, drill: 2m }
`;

describeWithDocker('links start before the nodes that name them', () => {
  let runId: string | undefined;
  afterAll(async () => {
    if (runId) expect(await leftoversOf(runId)).toEqual({ containers: 0, networks: 0 });
  });

  it('a proxy node whose upstream is a link starts, carries traffic, and the drill passes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-e2e-'));
    const file = join(dir, 'drill.yaml');
    writeFileSync(file, drill);
    const plan = await runFiredrill(['plan', file]);
    // front is declared first; it names the link, so the link goes up before it (api after it: its
    // address is known before it starts, and Toxiproxy dials it only when a request comes).
    expect(plan.stdout, plan.stderr).toContain('start order: links (api) → front → api');
    const begun = performance.now();
    const reports = join(dir, 'reports');
    const run = await runFiredrill(['run', file, '--out', reports], { timeoutMs: 150_000 });
    const result = readResult(runDirOf(reports, 'link-start-order'));
    runId = result.runId;
    expect(result.verdict, run.stdout + run.stderr).toBe('passed');
    expect(run.exitCode).toBe(0);
    // The fault cut the path through the link: the front proxy answered 502 until it came back.
    expect(result.objectives.find((row) => row.objective === 'recover')).toMatchObject({ status: 'passed' });
    expect(result.measurements?.impact).toMatchObject({ status: 'impact', signal: 'through-front' });
    expect(performance.now() - begun).toBeLessThan(120_000);
  });
});
