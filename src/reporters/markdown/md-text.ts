// Control characters (ESC of coloured log output, bidirectional overrides) are shown as escapes.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// Any ASCII punctuation character may be backslash-escaped in CommonMark and GFM, and escaped it
// is plain text: no emphasis, link, image, autolink (`http\:`, `www\.`), HTML, table cell,
// heading, list, quote, code or math (`\$`) can start from it. Left as they are: `"%',;?`, which
// start nothing.
const punctuation = /[!#$&()*+\-./:<=>@[\\\]^_`{|}~]/g;
// GitHub links `@name` and `#123` after rendering, on the text itself, where a backslash is gone:
// a zero-width space after the sign breaks them (as bots that quote release notes do).
const afterRendering: Record<string, string> = { '@': '@&#8203;', '#': '#&#8203;' };

function visible(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
}

/**
 * Any text (a scenario, probe or log string, a number, a date read from result.json) as plain
 * text in Markdown as GitHub renders it in step summaries and pull-request comments: it stays on
 * its line and in its table cell, and can create no markup, mention or reference.
 */
export function mdText(value: string | number): string {
  return String(value)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(controls, visible)
    .replace(punctuation, (c) => afterRendering[c] ?? `\\${c}`);
}

/** A path or identifier as inline code: backticks inside would end it, line breaks would split it. */
export function mdCode(value: string | number): string {
  const text = String(value).replace(/\s+/g, ' ').replace(controls, visible).replace(/`/g, "'");
  // An empty code span is no code span: two backticks would show.
  return text.trim() === '' ? '' : `\`${text}\``;
}
