import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import GithubSlugger from 'github-slugger';
import { Lexer, marked, type Token, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '..');

/** The README is the door; the reference lives in docs/ (issue 11, item 8). */
const README_MAX_LINES = 250;

interface BrokenLink {
  /** file:line of the link, relative to the checked root */
  where: string;
  href: string;
  reason: string;
}

/** README.md and every docs/*.md below `root`: the pages a reader follows links between. */
function pagesUnder(root: string): string[] {
  const docs = join(root, 'docs');
  const pages = existsSync(docs) ? readdirSync(docs).filter((name) => name.endsWith('.md')) : [];
  return [join(root, 'README.md'), ...pages.map((name) => join(docs, name))];
}

/** A heading's text as GitHub renders it (markup dropped), the input of its anchor slug. */
function plainText(tokens: readonly Token[]): string {
  return tokens
    .map((token) => {
      if (token.type === 'html') return '';
      if ('tokens' in token && token.tokens) return plainText(token.tokens);
      return 'text' in token ? String(token.text) : '';
    })
    .join('');
}

/** The anchors GitHub gives a page: one slug per heading (duplicates get -1, -2...), plus `id`/`name` attributes. */
function anchorsOf(markdown: string): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  marked.walkTokens(new Lexer().lex(markdown), (token) => {
    if (token.type === 'heading') anchors.add(slugger.slug(plainText((token as Tokens.Heading).tokens)));
    if (token.type === 'html')
      for (const match of token.raw.matchAll(/\b(?:id|name)="([^"]+)"/g)) anchors.add(match[1]!);
  });
  return anchors;
}

/** Every link and image target of a page (code blocks and code spans hold none), with its line. */
function linksOf(markdown: string): Array<{ href: string; line: number }> {
  const links: Array<{ href: string; line: number }> = [];
  let cursor = 0;
  marked.walkTokens(new Lexer().lex(markdown), (token) => {
    if (token.type !== 'link' && token.type !== 'image') return;
    const at = markdown.indexOf(token.raw, cursor);
    if (at >= 0) cursor = at;
    links.push({ href: (token as Tokens.Link).href, line: markdown.slice(0, cursor).split('\n').length });
  });
  return links;
}

/** Relative links whose file does not exist or whose `#anchor` names no heading of the target page. */
function brokenLinks(root: string): BrokenLink[] {
  const broken: BrokenLink[] = [];
  for (const page of pagesUnder(root)) {
    const markdown = readFileSync(page, 'utf8');
    for (const { href, line } of linksOf(markdown)) {
      // Absolute URLs (https:, mailto:) are the web's business, not the repository's.
      if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue;
      const where = `${relative(root, page)}:${line}`;
      const [path = '', anchor] = href.split('#', 2);
      const target = path === '' ? page : resolve(dirname(page), decodeURIComponent(path));
      if (relative(root, target).startsWith('..'))
        broken.push({ where, href, reason: 'leaves the repository' });
      else if (!existsSync(target)) broken.push({ where, href, reason: 'no such file' });
      else if (anchor !== undefined && !target.endsWith('.md'))
        broken.push({ where, href, reason: 'an anchor into a file that is not Markdown' });
      else if (
        anchor !== undefined &&
        !anchorsOf(readFileSync(target, 'utf8')).has(decodeURIComponent(anchor))
      )
        broken.push({
          where,
          href,
          reason: `no heading of ${relative(root, target)} has the anchor #${anchor}`,
        });
    }
  }
  return broken;
}

describe('the user docs (README.md and docs/*.md)', () => {
  it('every relative link and #anchor resolves', () => {
    expect(brokenLinks(repo)).toEqual([]);
  });

  it(`the README stays a door: at most ${README_MAX_LINES} lines`, () => {
    const lines = readFileSync(join(repo, 'README.md'), 'utf8').split('\n').length;
    expect(lines, 'README.md grew: move reference material into docs/').toBeLessThanOrEqual(README_MAX_LINES);
  });
});

describe('the link check', () => {
  it('finds missing files, missing anchors and links out of the repository; ignores code and URLs', () => {
    const root = mkdtempSync(join(tmpdir(), 'firedrill-docs-links-'));
    writeFileSync(
      join(root, 'README.md'),
      [
        '# Door',
        '[ok](docs/a.md#the-a-page-and-more) [gone](docs/missing.md) [up](../x.md)',
        '`[code](nowhere.md)` [web](https://example.com/x.md) [self](#door)',
        '```',
        '[fenced](nowhere.md)',
        '```',
        '[bad anchor](docs/a.md#the-a-page)',
        '[second](docs/a.md#setup-1) [third](docs/a.md#setup-2)',
      ].join('\n'),
    );
    const docs = join(root, 'docs');
    mkdirSync(docs);
    writeFileSync(
      join(docs, 'a.md'),
      '# The *a* page, and `more`\n## Setup\n## Setup\n[back](../README.md#door)\n',
    );
    expect(brokenLinks(root)).toEqual([
      { where: 'README.md:2', href: 'docs/missing.md', reason: 'no such file' },
      { where: 'README.md:2', href: '../x.md', reason: 'leaves the repository' },
      {
        where: 'README.md:7',
        href: 'docs/a.md#the-a-page',
        reason: 'no heading of docs/a.md has the anchor #the-a-page',
      },
      {
        where: 'README.md:8',
        href: 'docs/a.md#setup-2',
        reason: 'no heading of docs/a.md has the anchor #setup-2',
      },
    ]);
  });
});
