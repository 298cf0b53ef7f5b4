import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse } from 'parse5';
import { markdownTokens } from './markdown-view.js';

// What the renderers write themselves. Anything else in a parsed page came from input text.
const htmlTags = new Set(
  'html head meta title style body main header section footer h1 h2 h3 div p ul li table thead tbody tr th td span strong details summary a figure figcaption svg g line text rect path circle'.split(
    ' ',
  ),
);
const htmlAttributes = new Set(
  'lang charset http-equiv content name class id title href colspan open role aria-label xmlns viewBox viewbox width height x y x1 x2 y1 y2 cx cy r d fill stroke stroke-dasharray font-weight text-anchor style'.split(
    ' ',
  ),
);
const dataAttributes = new Set([
  'data-verdict',
  'data-objective',
  'data-fault',
  'data-probe',
  'data-marker',
  'data-type',
  'data-metric',
  'data-scenario',
  'data-run',
  'data-class',
]);
// The legend's colour swatches: the only inline styles a page has.
const inlineStyles = new Set(['background:#1f8a4c', 'background:#c62828', 'background:rgba(245,166,35,.35)']);

interface Node {
  nodeName: string;
  tagName?: string;
  attrs?: Array<{ name: string; value: string }>;
  childNodes?: Node[];
  content?: Node;
}

/** Elements or attributes of an HTML page that the renderer did not write: each is an injection. */
export function htmlInjections(page: string): string[] {
  const found: string[] = [];
  const visit = (node: Node): void => {
    if (node.tagName !== undefined) {
      if (!htmlTags.has(node.tagName)) found.push(`element <${node.tagName}>`);
      for (const { name, value } of node.attrs ?? []) {
        const known = htmlAttributes.has(name) || dataAttributes.has(name);
        if (!known) found.push(`attribute ${name} on <${node.tagName}>`);
        if (name === 'style' && !inlineStyles.has(value)) found.push(`style "${value}"`);
        if (name === 'href' && !value.startsWith('./')) found.push(`link ${value}`);
      }
    }
    for (const child of node.childNodes ?? []) visit(child);
  };
  visit(parse(page) as unknown as Node);
  return found;
}

const xmlElements = new Set([
  'testsuites',
  'testsuite',
  'properties',
  'property',
  'testcase',
  'failure',
  'error',
  'system-out',
]);
// XML 1.0's Char production, negated (surrogates are judged in pairs by the two alternatives after it).
const notXmlChar =
  // eslint-disable-next-line no-control-regex, no-misleading-character-class -- characters are the point
  /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\ud800-\udbff\udc00-\udfff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why an XML document is not well-formed or holds what junit.xml should not; empty when fine. */
export function xmlProblems(xml: string): string[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return [`not well-formed: ${valid.err.msg} (line ${valid.err.line})`];
  const problems: string[] = [];
  if (notXmlChar.test(xml)) problems.push('a character XML 1.0 forbids');
  for (const match of xml.matchAll(/\btime="([^"]*)"/g))
    if (!/^\d+\.\d{3}$/.test(match[1] as string)) problems.push(`time="${match[1]}"`);
  const doc = new XMLParser({ ignoreAttributes: true, preserveOrder: true }).parse(xml) as unknown[];
  const visit = (nodes: unknown[]): void => {
    for (const node of nodes) {
      for (const [name, children] of Object.entries(node as Record<string, unknown>)) {
        if (name === '#text' || name === '?xml') continue;
        if (!xmlElements.has(name)) problems.push(`element <${name}>`);
        if (Array.isArray(children)) visit(children);
      }
    }
  };
  visit(doc);
  return problems;
}

const mdBlocks = new Set([
  'heading',
  'paragraph',
  'blockquote',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'inline',
]);
const runFiles = ['report.html', 'junit.xml', 'result.json', 'events.ndjson', 'firedrill.log'];
const boldLabels = /^(Key measurements:|Load:|Integrity:|Over .+ iterations:)$/;

/**
 * Markup in summary.md that the renderer did not write: a second heading, lists, code blocks,
 * HTML, images, links other than the run's files, emphasis other than its labels, table rows with
 * extra cells, and `@name` or `#12` that GitHub would link in the rendered text.
 */
export function markdownMarkup(md: string, objectives: number): string[] {
  const tokens = markdownTokens(md);
  const found: string[] = [];
  const headings = tokens.filter((t) => t.type === 'heading_open');
  if (headings.length !== 1 || headings[0]?.tag !== 'h3') found.push(`${headings.length} headings`);
  for (const [i, t] of tokens.entries()) {
    const base = t.type.replace(/_(open|close)$/, '');
    if (t.nesting !== 0 && !mdBlocks.has(base) && !['strong', 'link'].includes(base)) found.push(t.type);
    if (
      ['html_block', 'html_inline', 'image', 'code_block', 'fence', 'hr', 'em_open', 's_open'].includes(
        t.type,
      )
    )
      found.push(t.type);
    const href = String(t.attrGet('href') ?? '');
    if (t.type === 'link_open' && !runFiles.includes(href)) found.push(`link ${href}`);
    if (t.type === 'strong_open' && !boldLabels.test(tokens[i + 1]?.content ?? ''))
      found.push(`bold ${tokens[i + 1]?.content}`);
    if (t.type === 'text' && /[@#][\p{L}\p{N}]/u.test(t.content)) found.push(`reference in "${t.content}"`);
  }
  const rows = tokens.filter((t) => t.type === 'tr_open').length;
  const cells = tokens.filter((t) => t.type === 'td_open' || t.type === 'th_open').length;
  if (objectives > 0 && (rows !== objectives + 1 || cells !== 4 * rows))
    found.push(`table of ${rows} rows, ${cells} cells`);
  if (tokens.filter((t) => t.type === 'code_inline').length > 3) found.push('code spans');
  return found;
}

/** Control characters in console output (the line feed is the one allowed). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const terminalControls = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
