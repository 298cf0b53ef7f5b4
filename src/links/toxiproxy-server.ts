/** A Toxiproxy server the run's links go through, however it was brought up. */
export interface ToxiproxyServer {
  /** A container on the run network, a pod in the run's namespace, a local process, or a server given by URL. */
  readonly kind: 'container' | 'pod' | 'process' | 'remote';
  /** Its HTTP API, e.g. `http://127.0.0.1:34567`. */
  readonly url: string;
  /** Where a proxy should listen, given the link's `listen` (if any) and a free host port. */
  listenAddress(port: number): string;
  /** How the host reaches a proxy listening on `port`: `${links.<l>.host}` / `.port`. */
  hostAddress(port: number): { host: string; port: number };
  /** How the target's nodes reach it: a network alias for containers, else the host address. */
  readonly alias: string;
  /** Refuses an upstream the server cannot reach (a pod's 127.0.0.1 is itself), before its proxy is made. */
  checkUpstream?(link: string, upstream: string): void;
  /** True when proxies must be removed one by one at the end (a server firedrill did not start). */
  readonly shared: boolean;
  /** Stops the server when firedrill started it; `keep` leaves it running. */
  stop(options?: { keep?: boolean }): Promise<void>;
}

/** Asks `/version` until the API answers or the deadline passes. */
export async function waitForApi(
  url: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    signal?.throwIfAborted();
    try {
      const response = await fetch(`${url}/version`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return await response.text();
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return undefined;
}
