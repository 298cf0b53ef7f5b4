/**
 * The container images firedrill uses, pinned. None is pulled on these machines:
 * `scripts/setup-env.sh` builds them (the project's own from `docker/<name>/`, tagged
 * `firedrill/<name>:<docker/<name>/VERSION>`); users with a registry pull the upstream ones.
 */
export const images = {
  /** Base of the project's own images; debootstrap + docker import when no registry. */
  debian: 'debian:bookworm-slim',
  /** Upstream layout: FROM scratch, /toxiproxy, API on 8474. */
  toxiproxy: 'ghcr.io/shopify/toxiproxy:2.12.0',
  /** NET_ADMIN sidecar with iptables, run with `--net container:<id>` for partitions. */
  nettools: 'firedrill/nettools:1',
  /** busybox httpd on 8080: `/`, `/health`, `/cgi-bin/echo` (answers with its hostname). */
  httpEcho: 'firedrill/http-echo:1',
} as const;

export type ImageKey = keyof typeof images;

/** Toxiproxy's HTTP API port inside its container. */
export const TOXIPROXY_API_PORT = 8474;
