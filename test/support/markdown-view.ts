import MarkdownIt from 'markdown-it';

// GitHub's flavour as far as markdown-it has it: tables and strikethrough are built in, raw HTML
// is allowed (GitHub sanitises it, but shows it), bare URLs become links.
const gfm = new MarkdownIt({ html: true, linkify: true });

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

/** summary.md as GitHub would turn it into HTML. */
export function markdownHtml(md: string): string {
  return gfm.render(md);
}

/** The block and inline tokens of summary.md, flattened. */
export function markdownTokens(md: string): Token[] {
  return gfm.parse(md, {}).flatMap((token) => [token, ...(token.children ?? [])]);
}

/** What a reader sees of summary.md: the rendered text, tags dropped, entities decoded. */
export function markdownText(md: string): string {
  return markdownTokens(md)
    .filter((t) => t.type === 'text' || t.type === 'code_inline' || t.type === 'text_special')
    .map((t) => t.content)
    .join('');
}
