import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/load.js';
import { scenarioDir } from '../scenario/testing/scenario-files.js';
import { describePlan } from './drill-plan.js';

const rich = `apiVersion: firedrill/v1
kind: Drill
name: pg-behind-proxy
description: the proxy reaches PostgreSQL through a link
target:
  type: docker
  nodes:
    proxy:
      image: nginx:1.27
      command: ['nginx', '-g', 'daemon off;']
      env: { UPSTREAM: '\${links.pg.alias}:\${links.pg.port}' }
      ports: [80]
      wait: { http: /health }
    db:
      image: postgres:15
      ports: [5432]
      tmpfs: { /var/lib/postgresql/data: { size: 256m, mode: '0700', uid: 999, gid: 999 } }
      memory: 512m
links:
  pg: { upstream: '\${nodes.db.alias}:5432', listen: '15432', from: proxy }
probes:
  - name: through-proxy
    type: http
    role: steady
    url: http://\${nodes.proxy.host}:\${nodes.proxy.port.80}/health
    interval: 250ms
  - name: pg-ready
    type: exec
    role: detect
    node: db
    command: pg_isready -h \${nodes.db.alias}
load:
  url: http://\${nodes.proxy.host}:\${nodes.proxy.port.80}/
  rate: 50/s
integrity:
  driver: exec
  node: db
  write: psql -c "insert into ledger values ('\${id}')"
  read: psql -Atc "select id from ledger"
faults:
  - name: slow-pg
    type: link
    link: pg
    toxic: latency
    latency: 300ms
    at: 2s
    duration: 5s
  - name: kill-db
    type: kill
    node: db
    after: slow-pg
objectives: { recover: 20s, lost_writes: 0, availability: '95%' }
baseline: 3s
`;

async function plan(text: string): Promise<string[]> {
  const dir = await scenarioDir({ 'drill.yaml': text });
  return describePlan((await loadScenario(join(dir, 'drill.yaml'), { env: {} })).drill);
}

describe('firedrill plan', () => {
  it('shows images, start order, nodes, links, probes, load, ledger, timeline and objectives, values filled as far as known', async () => {
    const lines = await plan(rich);
    expect(lines.slice(0, 6)).toEqual([
      'drill pg-behind-proxy: the proxy reaches PostgreSQL through a link',
      'target: docker (proxy, db)',
      '  images: nginx:1.27, postgres:15, ghcr.io/shopify/toxiproxy:2.12.0',
      // The proxy names the link: the link starts before it, and the Toxiproxy container with it.
      '  start order: links (pg) → proxy → db',
      '  node proxy: ports 80→127.0.0.1:<nodes.proxy.port.80: picked at start> image=nginx:1.27 command=[nginx -g daemon off;] env.UPSTREAM=firedrill-toxiproxy:15432 restart=no wait.http=/health wait.status=200 wait.times=1 wait.timeout=1m00s stop_timeout=10.0s',
      '  node db: ports 5432→127.0.0.1:<nodes.db.port.5432: picked at start> image=postgres:15 tmpfs./var/lib/postgresql/data.size=268435456 tmpfs./var/lib/postgresql/data.mode=0700 tmpfs./var/lib/postgresql/data.uid=999 tmpfs./var/lib/postgresql/data.gid=999 memory=536870912 restart=no stop_timeout=10.0s',
    ]);
    expect(lines).toContain(
      'links (through a Toxiproxy container on the run network (ghcr.io/shopify/toxiproxy:2.12.0)):',
    );
    expect(lines).toContain('  pg               127.0.0.1:15432 → db:5432  (from proxy)');
    expect(lines.find((l) => l.startsWith('  through-proxy'))).toBe(
      '  through-proxy    steady  http   every 250ms  timeout=1.00s expect=pass url=http://127.0.0.1:<nodes.proxy.port.80: picked at start>/health method=GET status=2xx',
    );
    expect(lines.find((l) => l.startsWith('  pg-ready'))).toContain('command=pg_isready -h db node=db');
    expect(lines[lines.indexOf('load:') + 1]).toContain(
      'url=http://127.0.0.1:<nodes.proxy.port.80: picked at start>/',
    );
    // The ledger's own ${id} stays: it is filled per write.
    expect(lines[lines.indexOf('integrity (RPO ledger):') + 1]).toContain(
      `write=psql -c "insert into ledger values ('\${id}')"`,
    );
    expect(lines.slice(-9)).toEqual([
      'baseline: 3.00s of steady state, then (t = end of baseline):',
      '  slow-pg          baseline + 2.00s                   for 5.00s              latency on link pg (latency 300ms)',
      '  kill-db          0ms after slow-pg reverted         until the drill ends   kill db with SIGKILL',
      'recovery: 3 consecutive passing rounds of every steady probe, within 1m00s of t0',
      'drill timeout: 10m00s',
      'objectives:',
      '  recover      <= 20.0s',
      '  lost_writes  <= 0',
      '  availability >= 95.00%',
    ]);
  });

  it('puts a Toxiproxy node before the links, and the links before the node that names them', async () => {
    const processDrill = rich
      .replace(
        /target:[\s\S]*?links:/,
        `target:
  type: process
  nodes:
    toxi: { command: 'toxiproxy-server -port \${port.api}', ports: { api: auto } }
    app: { command: 'app --db \${links.pg.port}', ports: { http: 8080 } }
links:`,
      )
      .replace("'${nodes.db.alias}:5432', listen: '15432', from: proxy", "'127.0.0.1:5432'")
      .replace(
        /probes:[\s\S]*?faults:/,
        `toxiproxy: { url: 'http://127.0.0.1:\${nodes.toxi.port.api}' }
probes:
  - { name: up, type: tcp, role: steady, host: 127.0.0.1, port: '\${nodes.app.port.http}' }
faults:`,
      )
      .replace(/ {2}- name: kill-db[\s\S]*?after: slow-pg\n/, '')
      .replace(", lost_writes: 0, availability: '95%'", '');
    const lines = await plan(processDrill.replace(/integrity:[\s\S]*?faults:/, 'faults:'));
    expect(lines).toContain('  start order: toxi → links (pg) → app');
    expect(lines).toContain(
      '  node app: ports http→127.0.0.1:8080 command=app --db <links.pg.port: picked at start> restart.policy=never restart.delay=1.00s stop_timeout=5.00s',
    );
    expect(lines).toContain(
      'links (through the Toxiproxy server at http://127.0.0.1:<nodes.toxi.port.api: picked at start>):',
    );
  });
});
