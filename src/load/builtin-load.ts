import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { expiry, type Clock } from '../common/clock.js';
import { Pace } from '../common/pace.js';
import type { RequestResult } from '../engine/measure/index.js';
import { loadStatusOk, type GeneratorOutput, type HttpLoadSpec, type RunningGenerator } from './generator.js';

/**
 * The built-in load, for when k6 is not installed: an open model like k6's constant-arrival-rate.
 * Arrival k is due at start + k / rate whatever earlier requests took (a slow system gets the same
 * traffic, not less); arrivals beyond `maxInFlight` open requests are dropped and counted. Each
 * request is timed from its start to the end of its response on the run clock.
 */
export function startBuiltinLoad(spec: HttpLoadSpec, clock: Clock): RunningGenerator {
  return new BuiltinLoad(spec, clock);
}

class BuiltinLoad implements RunningGenerator {
  private requests: RequestResult[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly stopping = new AbortController();
  private readonly agent: HttpAgent;
  private dropped = 0;
  private readonly looping: Promise<void>;

  constructor(
    private readonly spec: HttpLoadSpec,
    private readonly clock: Clock,
  ) {
    const Agent = spec.url.protocol === 'https:' ? HttpsAgent : HttpAgent;
    this.agent = new Agent({ keepAlive: true, maxSockets: spec.maxInFlight });
    this.looping = this.loop();
  }

  results(): RequestResult[] {
    return [...this.requests];
  }

  drain(): RequestResult[] {
    const drained = this.requests;
    this.requests = [];
    return drained;
  }

  async stop(): Promise<GeneratorOutput> {
    this.stopping.abort();
    await this.looping;
    await Promise.all(this.inFlight);
    this.agent.destroy();
    this.requests.sort((a, b) => a.at - b.at);
    return { requests: this.requests, dropped: this.dropped };
  }

  private async loop(): Promise<void> {
    const { clock, spec } = this;
    const start = clock.now();
    const gap = 1000 / spec.ratePerSecond;
    const pace = new Pace(clock, this.stopping.signal);
    for (let k = 0; !this.stopping.signal.aborted; k++) {
      if (!(await pace.until(start + k * gap))) return;
      if (this.inFlight.size >= spec.maxInFlight) {
        // Every arrival due by now finds the same open requests: drop them at once, not one by one.
        const overdue = Math.max(0, Math.floor((clock.now() - start) / gap) - k);
        this.dropped += 1 + overdue;
        k += overdue;
        continue;
      }
      const sent = this.send().finally(() => this.inFlight.delete(sent));
      this.inFlight.add(sent);
    }
  }

  private async send(): Promise<void> {
    const { clock, spec } = this;
    const at = clock.now();
    const ok = await new Promise<boolean>((resolve) => {
      const timer = new AbortController();
      const request = (spec.url.protocol === 'https:' ? httpsRequest : httpRequest)(
        spec.url,
        { method: spec.method, headers: spec.headers, agent: this.agent },
        (res) => {
          res.resume();
          res.once('end', () => resolve(loadStatusOk(res.statusCode ?? 0)));
          res.once('error', () => resolve(false));
        },
      );
      request.once('error', () => resolve(false));
      request.once('close', () => timer.abort());
      expiry(clock, spec.timeoutMs, timer.signal).then(
        () => request.destroy(new Error(`timeout after ${spec.timeoutMs}ms`)),
        () => undefined,
      );
      request.end(spec.body);
    });
    this.requests.push({ at, ok, latencyMs: clock.now() - at });
  }
}
