import type { z } from 'zod';
import type { Clock } from '../common/clock.js';
import type { Logger } from '../common/logger.js';
import type { ToxiproxyServer } from '../links/toxiproxy-server.js';

/**
 * A serialisable identity of a node, written into undo steps and the run's state file so that
 * `firedrill cleanup` can act on it after the firedrill process died.
 */
export type NodeRef =
  | {
      kind: 'process';
      node: string;
      pid: number;
      /** /proc start time, guards against pid reuse */ startTime: string;
    }
  | { kind: 'container'; node: string; id: string }
  /** A pod's container; `uid` tells a replaced pod (same name, new uid) from the one acted on. */
  | {
      kind: 'pod';
      node: string;
      namespace: string;
      pod: string;
      container: string;
      uid: string;
      /** The kubeconfig file and context the run used (for cleanup after a crash). */
      kubeconfig?: string;
      context?: string;
    };

/** One node of the system under test: a supervised process or a container. */
export interface TargetNode {
  readonly name: string;
  /** The node's current identity (a process gets a new pid after each restart). */
  ref(): NodeRef;
  isRunning(): Promise<boolean>;
  /** SIGKILL; resolves once the node is verified to have exited. */
  kill(): Promise<void>;
  /** Graceful stop; the target does not bring it back by itself. */
  stop(): Promise<void>;
  start(): Promise<void>;
  restart(): Promise<void>;
  /** SIGSTOP / docker pause; resolves once verified. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Runs a command in the node's environment (a container exec, or a host shell for processes). */
  exec(
    command: readonly string[],
    options?: { signal?: AbortSignal; timeoutMs?: number },
  ): Promise<ExecResult>;
  /** Lines the node writes to stdout/stderr from now on, each stamped with the clock; returns an unsubscribe. */
  onOutput(listener: (line: string, at: number) => void): () => void;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** `${nodes.<n>.host}`, `${nodes.<n>.port.<p>}`, `${links.<l>.host}`... resolved once the target is up. */
export type TemplateValues = Record<string, string>;

export interface StartedTarget {
  readonly nodes: ReadonlyMap<string, TargetNode>;
  node(name: string): TargetNode;
  /** Values for template strings, keyed by their path without `${}`: `nodes.web.port.8080`. */
  templateValues(): TemplateValues;
  /** The Docker network the nodes share, when they are containers on one (links and partitions use it). */
  readonly network?: { name: string; id: string };
  /** Stops and removes what the target started (never what it attached to). */
  stop(options?: { keep?: boolean }): Promise<void>;
  /** Present when the target runs the links' Toxiproxy itself (kubernetes: a pod and a Service). */
  startToxiproxy?: ToxiproxyHost['startToxiproxy'];
}

/** A target that runs the links' Toxiproxy beside its nodes, where they can reach it. */
export interface ToxiproxyHost {
  /** Starts Toxiproxy with one proxy port per link, the same number for the nodes and the host. */
  startToxiproxy(proxyPorts: readonly number[]): Promise<ToxiproxyServer>;
}

export interface TargetContext {
  runId: string;
  /** The scenario file's directory: relative paths in the target resolve against it. */
  baseDir: string;
  clock: Clock;
  logger: Logger;
  signal: AbortSignal;
  /** Where a target may write each node's output (`<node>.log`); omitted: output is only streamed. */
  logDir?: string;
  /** Template values known before the target starts (`${run.dir}`), for node configuration. */
  templateValues?: TemplateValues;
  /** The run's links, brought up before the first node that names one in its settings. */
  links?: LinkGate;
  /** Called for each thing the target creates, so `cleanup` can remove leftovers of a crashed run. */
  recordResource(resource: Resource): Promise<void>;
}

/**
 * What a target asks for while it starts its nodes: the order to start them in, and the links,
 * which must be up before a node whose settings name one (`${links.db.port}`) starts.
 */
export interface LinkGate {
  /** Node names in start order: as declared, with the nodes carrying the links moved up. */
  order(declared: readonly string[]): string[];
  /** True when the node's own settings name a link. */
  needsLinks(node: string): boolean;
  /**
   * Starts Toxiproxy and every link (once; later calls wait for the first), on the target's
   * network when it has one; `values` fills the upstreams. Resolves with `${links...}` values.
   */
  open(site: {
    network?: { name: string; id: string };
    /** The target's own Toxiproxy launcher, when it runs one (it wins over a network). */
    toxiproxy?: ToxiproxyHost;
    values: TemplateValues;
  }): Promise<TemplateValues>;
  /** Stops what `open` started: a target that failed to start calls it before removing its network. */
  close(): Promise<void>;
}

/** Something a run created and must remove: a process, container, network or proxy. */
export type Resource =
  | { kind: 'process'; pid: number; startTime: string; description: string }
  | { kind: 'container'; id: string; description: string }
  | { kind: 'network'; id: string; description: string }
  /** A link's proxy on a Toxiproxy server firedrill did not start (`toxiproxy.url`). */
  | { kind: 'proxy'; toxiproxyUrl: string; name: string; description: string }
  /**
   * A Kubernetes object a run created (a manifest's object, the run's namespace, a helper pod),
   * labelled `firedrill.run=<runId>`. `namespace` is absent for cluster-scoped objects.
   */
  | {
      kind: 'kubernetes';
      apiVersion: string;
      objectKind: string;
      name: string;
      namespace?: string;
      uid?: string;
      /** The kubeconfig file and context it was created through (absent: the defaults). */
      kubeconfig?: string;
      context?: string;
      description: string;
    };

export interface TargetFactory<S extends z.ZodType = z.ZodType> {
  readonly schema: S;
  start(config: z.output<S>, context: TargetContext): Promise<StartedTarget>;
}
