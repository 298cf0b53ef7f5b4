import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { FieldPath } from './yaml-source.js';

/** Deeper than any drill needs (the deepest shipped field is 7 levels); keeps every walk shallow. */
export const MAX_NESTING_DEPTH = 64;
/** Values a document may hold once its aliases are expanded: bounds `&a [*b, *b, ...]` bombs. */
export const MAX_EXPANDED_VALUES = 100_000;

/** A shape the loader refuses before turning the document into plain values. */
export interface StructureProblem {
  offset: number;
  path: FieldPath;
  message: string;
  hint: string;
}

interface Visit {
  node: unknown;
  path: FieldPath;
  depth: number;
}

/**
 * Nesting depth and `__proto__` keys, walked without recursion (so a hostile depth cannot
 * overflow the stack here), then alias expansion, which is safe to count once depth is bounded.
 */
export function structureProblems(doc: Document.Parsed): StructureProblem[] {
  const problems: StructureProblem[] = [];
  const stack: Visit[] = [{ node: doc.contents, path: [], depth: 0 }];
  while (stack.length > 0) {
    const { node, path, depth } = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth >= MAX_NESTING_DEPTH) {
      problems.push({
        offset: node.range?.[0] ?? 0,
        path,
        message: `the document nests deeper than ${MAX_NESTING_DEPTH} levels`,
        hint: 'a drill needs a few levels of nesting; check the indentation and brackets here',
      });
      return problems;
    }
    // The parser's own uniqueKeys check compares every pair with every other: minutes for a 1 MiB file.
    const keys = new Set<string>();
    node.items.forEach((item: unknown, i: number) => {
      if (isPair(item)) {
        const key = isScalar(item.key) ? String(item.key.value) : '?';
        if (key === '__proto__') problems.push(protoKey(item.key as Node, path));
        if (isScalar(item.key) && key !== '<<') {
          if (keys.has(key)) problems.push(duplicateKey(item.key, path, key));
          keys.add(key);
        }
        stack.push({ node: item.key, path, depth: depth + 1 });
        stack.push({ node: item.value, path: [...path, key], depth: depth + 1 });
      } else stack.push({ node: item, path: [...path, i], depth: depth + 1 });
    });
  }
  const alias = aliasProblem(doc);
  return alias ? [...problems, alias] : problems;
}

function duplicateKey(key: Node, path: FieldPath, name: string): StructureProblem {
  return {
    offset: key.range?.[0] ?? 0,
    path: [...path, name],
    message: `YAML syntax error: Map keys must be unique ("${name}" is written twice)`,
    hint: 'keep one of the two entries; check the indentation, one may belong to another mapping',
  };
}

function protoKey(key: Node, path: FieldPath): StructureProblem {
  return {
    offset: key.range?.[0] ?? 0,
    path: [...path, '__proto__'],
    message: 'the key "__proto__" is not allowed',
    hint: 'no firedrill field is named __proto__; rename or remove the key',
  };
}

/**
 * Counts values in document order as if every alias were written out; the alias at which the count
 * passes MAX_EXPANDED_VALUES (or one that refers to a node containing it) is the problem.
 */
function aliasProblem(doc: Document.Parsed): StructureProblem | undefined {
  const sizes = new Map<unknown, number>();
  const anchors = new Map<string, unknown>();
  const open = new Set<unknown>();
  let found: StructureProblem | undefined;
  let total = 0;
  const size = (node: unknown, path: FieldPath, counting: boolean): number => {
    if (found) return 0;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target !== undefined && open.has(target)) {
        found = aliasAt(node, path, 'an alias refers to a node that contains it', 'remove the cycle');
        return 0;
      }
      const expanded = target === undefined ? 1 : (sizes.get(target) ?? 1);
      return count(node, path, expanded, counting);
    }
    const anchor = (node as { anchor?: string } | null)?.anchor;
    if (anchor) anchors.set(anchor, node);
    let own = 1;
    if (isMap(node) || isSeq(node)) {
      open.add(node);
      node.items.forEach((item: unknown, i: number) => {
        if (isPair(item)) {
          const key = isScalar(item.key) ? String(item.key.value) : '?';
          own += size(item.key, path, false) + size(item.value, [...path, key], counting);
        } else own += size(item, [...path, i], counting);
      });
      open.delete(node);
    }
    sizes.set(node, own);
    return own;
  };
  const count = (alias: Node, path: FieldPath, expanded: number, counting: boolean): number => {
    if (counting) total += expanded;
    if (total > MAX_EXPANDED_VALUES || expanded > MAX_EXPANDED_VALUES)
      found ??= aliasAt(
        alias,
        path,
        `aliases expand this document to more than ${MAX_EXPANDED_VALUES} values`,
        'write the values out, or use fewer nested aliases (this looks like an alias bomb)',
      );
    return expanded;
  };
  size(doc.contents, [], true);
  return found;
}

function aliasAt(alias: Node, path: FieldPath, message: string, hint: string): StructureProblem {
  return { offset: alias.range?.[0] ?? 0, path, message, hint };
}
