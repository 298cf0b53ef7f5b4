import { hostname } from 'node:os';
import { OWNER_LABEL, RUN_LABEL } from '../../common/docker.js';

/**
 * What firedrill puts on every object it creates in a cluster: the run label (what cleanup and the
 * tests look for) and, as an annotation, the owner process `<host>:<pid>` (a label value may not
 * hold the colon, and cleanup only reads it).
 */
export function runMetadata(runId: string): {
  labels: Record<string, string>;
  annotations: Record<string, string>;
} {
  return {
    labels: { [RUN_LABEL]: labelValue(runId) },
    annotations: { [OWNER_LABEL]: `${hostname()}:${process.pid}` },
  };
}

/** The namespace made for a run: `firedrill-<run id>`, a valid DNS label whatever the id holds. */
export function runNamespaceName(runId: string): string {
  const id = runId.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  return `firedrill-${id}`.slice(0, 63).replace(/-+$/, '');
}

/** A label value: at most 63 of [A-Za-z0-9._-], starting and ending alphanumeric. */
function labelValue(text: string): string {
  return text
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .slice(0, 63)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
}

/**
 * Whether labels match an equality-based selector (`app=web,tier!=db`, `app` for "has the key"),
 * the form the schema accepts: the pods of a node are picked from a watched cache, not by the API.
 */
export function matchesSelector(
  selector: string,
  labels: Readonly<Record<string, string>> | undefined,
): boolean {
  const have = labels ?? {};
  return selector
    .split(',')
    .map((term) => term.trim())
    .filter((term) => term.length > 0)
    .every((term) => {
      const negated = /^([^!=]+)!=(.*)$/.exec(term);
      if (negated) return have[negated[1]!] !== negated[2];
      const equal = /^([^=]+)==?(.*)$/.exec(term);
      if (equal) return have[equal[1]!] === equal[2];
      return Object.prototype.hasOwnProperty.call(have, term);
    });
}
