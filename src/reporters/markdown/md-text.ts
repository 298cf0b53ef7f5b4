const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '@': '&#64;' };

/**
 * Text from a scenario, probe or log, safe in Markdown and in a table cell: markup characters are
 * escaped, HTML is shown as text, `@` cannot mention anyone in a PR comment, lines are joined.
 */
export function mdText(text: string): string {
  // Backslash escapes first: the entities added next must stay intact.
  return text
    .replace(/[\\`*_[\]|~#]/g, (c) => `\\${c}`)
    .replace(/[&<>@]/g, (c) => entities[c] as string)
    .replace(/\s*[\r\n]+\s*/g, ' ');
}

/** A path or identifier as inline code (backticks inside are replaced: they would end it). */
export function mdCode(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/[\r\n]+/g, ' ')}\``;
}
