import { consoleReporter } from './console.js';
import { htmlReporter } from './html.js';
import { jsonReporter } from './json.js';
import { junitReporter } from './junit.js';
import { markdownReporter } from './markdown.js';
import type { ReporterFactory } from './reporter.js';

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

/** The reporters that write files from a result: what `firedrill report` re-renders by default. */
export const fileReporters: readonly ReporterName[] = ['html', 'junit', 'markdown'];
