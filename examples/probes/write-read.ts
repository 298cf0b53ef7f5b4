/**
 * A `module` probe: writes a fresh key through the system's API and reads it back. It passes only
 * when the write was accepted and the value is there, which is what "the service takes writes"
 * means (a health endpoint can say "ok" while writes are refused).
 *
 * Use it in a scenario:
 *
 *   probes:
 *     - name: writes-accepted
 *       type: module
 *       role: during          # or steady / detect / abort
 *       path: ./probes/write-read.ts
 *       options: { url: 'http://${nodes.kv.host}:${nodes.kv.port.http}' }
 *
 * The module's default export is either a probe `{ check(signal) }` or, as here, a function that
 * sets one up from its context (`options`, `target`, `clock`, `logger`). `check` returns true/false
 * or `{ ok, detail?, value? }`; it must honour `signal` (the probe's timeout aborts it).
 * TypeScript modules need tsx installed next to firedrill; .mjs modules need nothing.
 */

interface Context {
  options: Record<string, unknown>;
}

interface Outcome {
  ok: boolean;
  detail?: string;
  value?: number;
}

export default function setUp({ options }: Context) {
  const base = String(options.url ?? '');
  if (!/^https?:\/\//.test(base)) throw new Error(`options.url must be an http(s) URL, got "${base}"`);
  let n = 0;
  return {
    async check(signal: AbortSignal): Promise<Outcome> {
      const key = `probe-${process.pid}-${++n}`;
      const started = performance.now();
      const put = await fetch(`${base}/kv/${key}`, { method: 'PUT', body: key, signal });
      if (!put.ok) return { ok: false, detail: `write refused: HTTP ${put.status}` };
      const get = await fetch(`${base}/kv/${key}`, { signal });
      const value = await get.text();
      const ms = performance.now() - started;
      if (value !== key)
        return { ok: false, detail: `read back HTTP ${get.status} "${value.slice(0, 40)}"`, value: ms };
      return { ok: true, detail: 'write read back', value: ms };
    },
  };
}
