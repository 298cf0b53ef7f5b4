import { consoleReporter } from './console.js';
import { jsonReporter } from './json.js';
import type { ReporterFactory } from './reporter.js';

/** Every reporter, by the name `--reporter` takes. */
export const reporters = {
  console: consoleReporter,
  json: jsonReporter,
} satisfies Record<string, ReporterFactory>;

export type ReporterName = keyof typeof reporters;

export const defaultReporters: readonly ReporterName[] = ['console', 'json'];
