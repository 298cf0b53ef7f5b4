import type { Reporter, ReporterFactory } from './reporter.js';

/**
 * Every reporter, by the name `--reporter` takes, and the import of its module: a run loads only
 * the reporters it names (the HTML report's renderer is most of the reporters' code).
 */
export const reporters = {
  console: async () => (await import('./console.js')).consoleReporter,
  json: async () => (await import('./json.js')).jsonReporter,
  html: async () => (await import('./html.js')).htmlReporter,
  junit: async () => (await import('./junit.js')).junitReporter,
  markdown: async () => (await import('./markdown.js')).markdownReporter,
} satisfies Record<string, () => Promise<ReporterFactory>>;

export type ReporterName = keyof typeof reporters;

export const defaultReporters: readonly ReporterName[] = ['console', 'json', 'html', 'junit', 'markdown'];

/** The named reporters, console last so that its closing lines point at the files the others wrote. */
export async function createReporters(names: readonly ReporterName[]): Promise<Reporter[]> {
  const factories = await Promise.all(inRunOrder(names).map((name) => reporters[name]()));
  return factories.map((factory) => factory({}));
}

export function inRunOrder(names: readonly ReporterName[]): ReporterName[] {
  return [...names.filter((name) => name !== 'console'), ...names.filter((name) => name === 'console')];
}

/** The reporters that write files from a result: what `firedrill report` re-renders by default. */
export const fileReporters: readonly ReporterName[] = ['html', 'junit', 'markdown'];
