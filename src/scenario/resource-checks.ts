import { isAbsolute, resolve } from 'node:path';
import { isInside } from '../injectors/resource/host-fill.js';
import { formatSize } from '../injectors/resource/amount.js';
import { parseByteSize } from '../targets/docker/byte-size.js';
import { listOf } from './did-you-mean.js';
import { asArray, recordOf, type Finding } from './finding.js';

/**
 * Checks of resource and state faults against the target they act on, on the plain values: a
 * memory size above the node's declared limit, a process-target disk fill outside the node's
 * data_dirs, a relative path inside a container.
 */
export function resourceFaultFindings(data: unknown, baseDir: string): Finding[] {
  const target = recordOf(recordOf(data).target);
  const nodes = recordOf(target.nodes);
  const findings: Finding[] = [];
  asArray(recordOf(data).faults).forEach((raw, i) => {
    const fault = recordOf(raw);
    if (typeof fault.node !== 'string' || !(fault.node in nodes)) return; // unknown nodes: reported elsewhere
    const node = recordOf(nodes[fault.node]);
    const at = (...path: Array<string | number>) => ['faults', i, ...path];
    if (fault.type === 'memory' && target.type === 'docker')
      findings.push(...memoryFindings(fault, node, at));
    if (fault.type === 'disk-fill' && target.type === 'process')
      findings.push(...dataDirFindings(fault, node, baseDir, at));
    if (target.type === 'docker' || target.type === 'attach')
      findings.push(...containerPathFindings(fault, at));
  });
  return findings;
}

type At = (...path: Array<string | number>) => Array<string | number>;

function memoryFindings(fault: Record<string, unknown>, node: Record<string, unknown>, at: At): Finding[] {
  const limit = bytes(node.memory);
  const name = String(fault.node);
  if (fault.percent !== undefined && node.memory === undefined) {
    return [
      {
        path: at('percent'),
        message: `percent is of the container's memory limit, and node "${name}" declares none`,
        hint: `give \`size\` (e.g. 256m), or set target.nodes.${name}.memory`,
      },
    ];
  }
  const size = bytes(fault.size);
  if (size === undefined || limit === undefined || size <= limit) return [];
  return [
    {
      path: at('size'),
      message: `memory size ${formatSize(size)} is above node "${name}"'s memory limit of ${formatSize(limit)}`,
      expected: `at most ${formatSize(limit)} (target.nodes.${name}.memory)`,
      found: JSON.stringify(fault.size),
      hint: 'the hog would be OOM-killed at once: lower size, or give percent of the limit',
    },
  ];
}

function dataDirFindings(
  fault: Record<string, unknown>,
  node: Record<string, unknown>,
  baseDir: string,
  at: At,
): Finding[] {
  if (typeof fault.path !== 'string' || fault.path.includes('${')) return [];
  const name = String(fault.node);
  const dirs = asArray(node.data_dirs).filter((d): d is string => typeof d === 'string');
  if (dirs.length === 0) {
    return [
      {
        path: at('path'),
        message: `disk-fill on a process target writes only inside the node's data_dirs, and node "${name}" declares none`,
        hint: `add \`data_dirs: [<directory>]\` to target.nodes.${name}`,
      },
    ];
  }
  const path = resolve(baseDir, fault.path);
  if (
    isInside(
      path,
      dirs.map((dir) => resolve(baseDir, dir)),
    )
  )
    return [];
  return [
    {
      path: at('path'),
      message: `${fault.path} is outside node "${name}"'s data_dirs: a process-target disk fill stays inside them`,
      expected: `a directory inside ${listOf(dirs)}`,
      found: JSON.stringify(fault.path),
      hint: `fill a directory inside one of them, or declare it in target.nodes.${name}.data_dirs`,
    },
  ];
}

/** A path in a container is absolute: exec would read a relative one from the image's working directory. */
function containerPathFindings(fault: Record<string, unknown>, at: At): Finding[] {
  const paths: Array<[unknown, Array<string | number>]> = [];
  if (fault.type === 'disk-fill' || fault.type === 'corrupt') paths.push([fault.path, at('path')]);
  if (fault.type === 'drift') {
    paths.push([recordOf(fault.file).path, at('file', 'path')]);
    for (const [severity, change] of Object.entries(recordOf(fault.changes)))
      paths.push([recordOf(recordOf(change).file).path, at('changes', severity, 'file', 'path')]);
  }
  return paths.flatMap(([path, where]) =>
    typeof path === 'string' && !isAbsolute(path) && !path.includes('${')
      ? [
          {
            path: where,
            message: `a path in a container must be absolute, found "${path}"`,
            hint: `e.g. /${path}`,
          },
        ]
      : [],
  );
}

function bytes(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  return typeof value === 'string' ? parseByteSize(value) : undefined;
}
