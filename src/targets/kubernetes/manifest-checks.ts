import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { asArray, recordOf, type Finding } from '../../scenario/finding.js';

/**
 * `target.manifests` files of a kubernetes target must exist when the drill is validated: a
 * missing one would otherwise surface only at run time, after the run's namespace was made.
 * Relative paths resolve against the drill file's directory, as the run resolves them.
 */
export function manifestFileFindings(data: unknown, baseDir: string): Finding[] {
  const target = recordOf(recordOf(data).target);
  if (target.type !== 'kubernetes') return [];
  const findings: Finding[] = [];
  asArray(target.manifests).forEach((entry, i) => {
    if (typeof entry !== 'string' || entry === '') return; // inline objects and bad values: the schema's
    const file = isAbsolute(entry) ? entry : resolve(baseDir, entry);
    const found = describeFile(file);
    if (found === 'a file') return;
    findings.push({
      path: ['target', 'manifests', i],
      message: `manifest file ${entry} ${found === 'nothing' ? 'does not exist' : 'is not a file'} (looked at ${file})`,
      expected: "a YAML file of Kubernetes objects, relative to the drill file's directory",
      found: found === 'nothing' ? `no file at ${file}` : `${found} at ${file}`,
      hint: hintFor(entry, baseDir),
    });
  });
  return findings;
}

function describeFile(file: string): 'a file' | 'a directory' | 'nothing' | 'not a regular file' {
  try {
    const stat = statSync(file);
    if (stat.isFile()) return 'a file';
    return stat.isDirectory() ? 'a directory' : 'not a regular file';
  } catch {
    return 'nothing';
  }
}

function hintFor(entry: string, baseDir: string): string {
  const fromCwd = resolve(entry);
  if (!isAbsolute(entry) && describeFile(fromCwd) === 'a file')
    return `paths are relative to the drill file, not the working directory: write ${relative(baseDir, fromCwd)}`;
  return 'fix the path, or write the object inline under `manifests:` (a mapping with apiVersion, kind and metadata)';
}
