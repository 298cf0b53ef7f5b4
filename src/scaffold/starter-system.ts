import { MAX_DRILL_NAME } from '../scenario/drill-schema.js';
/**
 * What `firedrill init` found out about a system before it writes a drill for it: its nodes, how
 * each is reached, and which protocol each published port speaks.
 */
export interface StarterSystem {
  /** Becomes the drill's `name` (kebab-cased). */
  name: string;
  /** Where it came from, for the drill's header comment: `compose file compose.yaml`, `containers web-1, db-1`. */
  source: string;
  nodes: StarterNode[];
}

/** A container port the drill can reach from the host, and what answers on it. */
export interface StarterPort {
  container: number;
  /** `http` when GET / answered HTTP (with that status), else `tcp`. */
  protocol: 'http' | 'tcp';
  httpStatus?: number;
}

interface NodeBase {
  /** The node's name in the drill: lowercase letters, digits, - and _. */
  name: string;
  ports: StarterPort[];
}

/** A container that already runs: an `attach` node. */
export interface AttachStarterNode extends NodeBase {
  kind: 'attach';
  container: string;
  /** Container ports that are exposed but not published: probes cannot reach them from the host. */
  unpublished: number[];
  /** The container's restart policy: what brings it back after a kill. */
  restart: string;
}

/** A compose service: a `docker` node that the drill starts itself. */
export interface DockerStarterNode extends NodeBase {
  kind: 'docker';
  image: string;
  /** The service builds its image (`build:`): `docker compose build` makes it. */
  built: boolean;
  command?: string | string[];
  entrypoint?: string[];
  env?: Record<string, string>;
  restart?: 'no' | 'always' | 'on-failure' | 'unless-stopped';
}

export type StarterNode = AttachStarterNode | DockerStarterNode;

/** A node name the drill accepts (docker nodes: lowercase letters, digits, - and _). */
export function nodeName(text: string): string {
  const name = text
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+|-+$/g, '');
  return name === '' ? 'node' : name;
}

/**
 * A drill name (kebab-case: lowercase letters and digits between single hyphens), cut to the
 * longest name a drill may have: container names and labels can be longer.
 */
export function drillName(text: string): string {
  const name = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_DRILL_NAME)
    .replace(/^-+|-+$/g, '');
  return name === '' ? 'starter-drill' : name;
}
