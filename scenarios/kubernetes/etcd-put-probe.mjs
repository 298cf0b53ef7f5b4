// A probe for the kubernetes etcd drills: a put through etcd's v3 JSON gateway (POST /v3/kv/put),
// which etcd acknowledges only once a majority committed it. Like a client configured with every
// member, it sends to the member that answered last and tries the others in turn (each for at
// most `attempt_timeout_ms`), and passes when one acknowledges.
//
// One kept-alive connection per member, as a real client holds: a new connection through a
// port-forward crosses the apiserver and the kubelet, which takes seconds on a busy machine, and
// a probe that opened one per check would measure that instead of etcd.
//
// options: endpoints (base URLs, e.g. http://${nodes.etcd-0.host}:${nodes.etcd-0.port.2379}),
// key (firedrill/probe), attempt_timeout_ms (2000).

/* global AbortSignal */
import { Buffer } from 'node:buffer';
import { Agent, request } from 'node:http';

const base64 = (text) => Buffer.from(text, 'utf8').toString('base64');

function put(agent, endpoint, body, signal) {
  return new Promise((resolve, reject) => {
    const req = request(
      `${endpoint}/v3/kv/put`,
      { method: 'POST', agent, signal, headers: { 'content-type': 'application/json' } },
      (response) => {
        let answer = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (answer += chunk));
        response.on('end', () => resolve({ status: response.statusCode, answer }));
        response.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export default function etcdPutProbe({ options }) {
  const endpoints = options.endpoints;
  if (!Array.isArray(endpoints) || endpoints.length === 0)
    throw new Error('etcd-put-probe: options.endpoints must list the members’ client URLs');
  const body = JSON.stringify({ key: base64(options.key ?? 'firedrill/probe'), value: base64('ok') });
  const attemptMs = options.attempt_timeout_ms ?? 2000;
  const agents = endpoints.map(() => new Agent({ keepAlive: true, maxSockets: 1 }));
  let preferred = 0;
  return {
    async check(signal) {
      const failures = [];
      for (let i = 0; i < endpoints.length; i++) {
        const index = (preferred + i) % endpoints.length;
        const endpoint = endpoints[index];
        try {
          const attempt = AbortSignal.any([signal, AbortSignal.timeout(attemptMs)]);
          const { status, answer } = await put(agents[index], endpoint, body, attempt);
          if (status === 200 && answer.includes('"header"')) {
            preferred = index;
            return { ok: true, detail: `acknowledged by ${endpoint}` };
          }
          failures.push(`${endpoint}: HTTP ${status} ${answer.slice(0, 120)}`);
        } catch (error) {
          if (signal.aborted) throw error;
          failures.push(`${endpoint}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      return { ok: false, detail: failures.join('; ') };
    },
    async close() {
      for (const agent of agents) agent.destroy();
    },
  };
}
