import { consoleReporter } from './console.js';
import { htmlReporter } from './html.js';
import { jsonReporter } from './json.js';
import { junitReporter } from './junit.js';
import { markdownReporter } from './markdown.js';
import type { Reporter, ReporterFactory } from './reporter.js';

/** Every reporter, by the name `--reporter` takes. */
export const reporters = {
  console: consoleReporter,
  json: jsonReporter,
  html: htmlReporter,
  junit: junitReporter,
  markdown: markdownReporter,
} satisfies Record<string, ReporterFactory>;

export type ReporterName = keyof typeof reporters;

export const defaultReporters: readonly ReporterName[] = ['console', 'json', 'html', 'junit', 'markdown'];

/** The named reporters, console last so that its closing lines point at the files the others wrote. */
export function createReporters(names: readonly ReporterName[]): Reporter[] {
  return inRunOrder(names).map((name) => reporters[name]({}));
}

export function inRunOrder(names: readonly ReporterName[]): ReporterName[] {
  return [...names.filter((name) => name !== 'console'), ...names.filter((name) => name === 'console')];
}

/** The reporters that write files from a result: what `firedrill report` re-renders by default. */
export const fileReporters: readonly ReporterName[] = ['html', 'junit', 'markdown'];
