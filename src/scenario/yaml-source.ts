import { relative } from 'node:path';
import {
  LineCounter,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  type Document,
  type Node,
} from 'yaml';
import { errorMessage, type ScenarioProblem } from '../common/errors.js';
import { readSourceText } from './read-source.js';
import { MAX_EXPANDED_VALUES, structureProblems } from './yaml-limits.js';

export type PathSegment = string | number;
export type FieldPath = readonly PathSegment[];

export interface Position {
  line: number;
  column: number;
}

/** `faults[0].duration`, the way a person reads a field path. */
export function formatPath(path: FieldPath): string {
  return path
    .map((segment, i) => {
      if (typeof segment === 'number') return `[${segment}]`;
      const plain = /^[A-Za-z0-9_-]+$/.test(segment) ? segment : JSON.stringify(segment);
      return i === 0 ? plain : `.${plain}`;
    })
    .join('');
}

/**
 * A YAML file parsed with positions kept, so that every problem found later (by the schema or the
 * cross-field checks, which only see plain values) can point back at a line and column.
 */
export class YamlSource {
  private constructor(
    /** The path as the user gave it (relative paths stay relative in messages). */
    readonly file: string,
    readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  /**
   * Reads (a regular file within the size limit) and parses a file; throws the syntax and
   * structure problems (or the read failure) as a list.
   */
  static async read(file: string): Promise<YamlSource | ScenarioProblem[]> {
    const text = await readSourceText(file);
    if (typeof text !== 'string')
      return [
        {
          file,
          line: 1,
          column: 1,
          path: '',
          message: `cannot read the file: ${text.reason}`,
          hint: text.hint,
        },
      ];
    return YamlSource.parse(file, text);
  }

  static parse(file: string, text: string): YamlSource | ScenarioProblem[] {
    const lines = new LineCounter();
    const doc = parseDocument(text, {
      lineCounter: lines,
      prettyErrors: false,
      uniqueKeys: false, // checked in linear time by structureProblems
      merge: true,
    });
    const source = new YamlSource(displayPath(file), doc, lines);
    if (doc.errors.length === 0) return source.checkStructure();
    // The parser often reports one mistake twice at the same place; once is enough.
    const errors = doc.errors.filter(
      (error, i) => doc.errors.findIndex((e) => e.pos[0] === error.pos[0]) === i,
    );
    return errors.map((error) => ({
      ...source.position(error.pos[0]),
      file: source.file,
      path: '',
      message: `YAML syntax error: ${firstLine(error.message)}`,
      hint: 'check the indentation and quoting around this place',
    }));
  }

  /** Depth, `__proto__` keys and alias expansion, checked before any plain value is made. */
  private checkStructure(): YamlSource | ScenarioProblem[] {
    const found = structureProblems(this.doc).sort((a, b) => a.offset - b.offset);
    const problems = found.map(({ offset, path, ...rest }) => ({
      file: this.file,
      ...this.position(offset),
      path: formatPath(path),
      ...rest,
    }));
    if (problems.length > 0) return problems;
    try {
      this.plain = { value: this.doc.toJS({ maxAliasCount: MAX_EXPANDED_VALUES }) };
    } catch (error) {
      // A backstop: the structure check above refuses what the library would refuse here.
      return [
        {
          file: this.file,
          line: 1,
          column: 1,
          path: '',
          message: `cannot read the document: ${errorMessage(error)}`,
          hint: 'simplify the aliases and nesting of this document',
        },
      ];
    }
    return this;
  }

  private plain: { value: unknown } | undefined;

  /** The plain values of the document, made once when it was parsed. */
  toJS(): unknown {
    return this.plain?.value;
  }

  position(offset: number): Position {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  /**
   * Where a field is: its value when it exists; otherwise the key of its nearest existing parent
   * (a missing field is reported on the mapping that lacks it).
   */
  locate(path: FieldPath): Position {
    const found = this.walk(path);
    const complete = found.depth === path.length;
    // An empty value (`target:`) has no text of its own: its key is the place to point at.
    const empty = isScalar(found.node) && found.node.value === null && !found.node.source;
    if (complete && !empty && found.node?.range) return this.position(found.node.range[0]);
    return this.locateContainer(found);
  }

  /** Where a key of a mapping is written (for unknown keys); falls back to the mapping. */
  locateKey(path: FieldPath, key: string): Position {
    const found = this.walk(path);
    if (found.depth === path.length && isMap(found.node)) {
      const pair = found.node.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
      const range = (pair?.key as Node | undefined)?.range;
      if (range) return this.position(range[0]);
    }
    return this.locate(path);
  }

  private locateContainer(found: Walked): Position {
    const range = found.key?.range ?? found.node?.range;
    return range ? this.position(range[0]) : { line: 1, column: 1 };
  }

  /** Follows a path as deep as the document goes, remembering the key that led to the last node. */
  private walk(path: FieldPath): Walked {
    let node = this.doc.contents as Node | null;
    let key: Node | undefined;
    let depth = 0;
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(this.doc) ?? null;
      let next: Node | undefined;
      let nextKey: Node | undefined;
      if (isMap(node)) {
        const pair = node.items.find(
          (item) => isScalar(item.key) && String(item.key.value) === String(segment),
        );
        if (pair && isPair(pair)) {
          next = (pair.value as Node | null) ?? (pair.key as Node);
          nextKey = pair.key as Node;
        }
      } else if (isSeq(node) && typeof segment === 'number') {
        next = node.items[segment] as Node | undefined;
      }
      if (!next) break;
      node = next;
      key = nextKey;
      depth += 1;
    }
    return { node: node ?? undefined, key, depth };
  }
}

interface Walked {
  node: Node | undefined;
  /** The key of the pair whose value is `node`, when it is a mapping value. */
  key: Node | undefined;
  depth: number;
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') || rel === '' ? file : rel;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
