import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { UsageError, errorMessage } from '../common/errors.js';
import { composePorts } from './compose-ports.js';
import { drillName, nodeName, type DockerStarterNode, type StarterSystem } from './starter-system.js';

type ComposeService = Record<string, unknown>;
const RESTART_POLICIES = ['no', 'always', 'on-failure', 'unless-stopped'] as const;

/**
 * A compose file's services as `docker` nodes: image, command, entrypoint, environment, ports and
 * restart policy; in `depends_on` order, since a drill starts its nodes in declaration order.
 */
export async function systemFromComposeFile(file: string): Promise<StarterSystem> {
  let document: unknown;
  try {
    document = parse(await readFile(file, 'utf8'), { merge: true, maxAliasCount: 1000 });
  } catch (error) {
    throw new UsageError(`cannot read the compose file ${file}: ${errorMessage(error)}`);
  }
  const services = (document as { services?: unknown } | null)?.services;
  if (!isRecord(services) || Object.keys(services).length === 0)
    throw new UsageError(`${file}: no \`services:\` found`, {
      hint: 'give a Docker Compose file (compose.yaml)',
    });
  // Compose names a project after the file's directory, and a built image `<project>-<service>`.
  const project = (document as { name?: unknown }).name ?? basename(dirname(resolve(file)));
  const nodes = dependencyOrder(services).map((name) =>
    composeNode(name, services[name] as ComposeService, String(project)),
  );
  return { name: drillName(`${String(project)}-starter`), source: `compose file ${file}`, nodes };
}

function composeNode(service: string, spec: ComposeService, project: string): DockerStarterNode {
  const node: DockerStarterNode = {
    kind: 'docker',
    name: nodeName(service),
    image: typeof spec.image === 'string' ? spec.image : `${project}-${service}`,
    built: typeof spec.image !== 'string',
    // Nothing runs yet, so no port can be asked what it speaks: tcp until the user knows better.
    ports: composePorts(spec).map((container) => ({ container, protocol: 'tcp' })),
  };
  if (typeof spec.command === 'string' || Array.isArray(spec.command)) node.command = words(spec.command);
  if (spec.entrypoint !== undefined) node.entrypoint = [words(spec.entrypoint)].flat();
  const env = environment(spec.environment);
  if (Object.keys(env).length > 0) node.env = env;
  const restart = String(spec.restart ?? '').replace(/:\d+$/, '');
  if ((RESTART_POLICIES as readonly string[]).includes(restart))
    node.restart = restart as typeof node.restart;
  return node;
}

/** Compose splits a string command into words (no shell); a drill would run it through /bin/sh -c. */
function words(value: unknown): string | string[] {
  if (Array.isArray(value)) return value.map(String);
  const text = String(value);
  return /["'\\$|&;<>()`]/.test(text) ? text : text.split(/\s+/).filter(Boolean);
}

/** `environment:` as a map or a `KEY=value` list; a bare `KEY` (taken from the host) is left out. */
function environment(value: unknown): Record<string, string> {
  const env: Record<string, string> = {};
  if (Array.isArray(value)) {
    for (const item of value.map(String)) {
      const at = item.indexOf('=');
      if (at > 0) env[item.slice(0, at)] = item.slice(at + 1);
    }
  } else if (isRecord(value)) {
    for (const [key, v] of Object.entries(value)) if (v !== null && v !== undefined) env[key] = String(v);
  }
  return env;
}

/** Service names, each after the services it `depends_on` (declaration order otherwise). */
function dependencyOrder(services: Record<string, unknown>): string[] {
  const ordered: string[] = [];
  const visit = (name: string, path: string[]): void => {
    if (ordered.includes(name) || path.includes(name) || !(name in services)) return;
    const dependsOn = (services[name] as ComposeService | null)?.depends_on;
    const needs = Array.isArray(dependsOn)
      ? dependsOn.map(String)
      : isRecord(dependsOn)
        ? Object.keys(dependsOn)
        : [];
    for (const need of needs) visit(need, [...path, name]);
    ordered.push(name);
  };
  for (const name of Object.keys(services)) visit(name, []);
  return ordered;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
