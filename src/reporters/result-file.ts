import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError, errorMessage } from '../common/errors.js';
import type { DrillResult } from '../result/index.js';
import { upgradeLegacyResult } from '../result/legacy-result.js';
import { drillResultSchema } from '../result/result-schema.js';
import { resultIssueText } from './result-issue.js';

const resultFileName = 'result.json';

/** A result.json larger than this is refused unread (a 24-hour drill writes a few megabytes). */
export const maxResultBytes = 256 * 1024 * 1024;

/**
 * Reads a run directory's result.json through the full `firedrill.result/v1` schema, so that every
 * report can rely on what it reads; anything else is one clear UsageError naming the file, the
 * field and what was expected.
 */
export function readRunResult(runDir: string): DrillResult {
  const file = join(runDir, resultFileName);
  if (!isDirectory(runDir))
    throw new UsageError(`${runDir} is not a directory`, {
      hint: 'pass a run directory such as reports/<scenario>/<timestamp>-<runId>',
    });
  if (!existsSync(file)) throw notARunDir(runDir);
  const json = readJson(file);
  upgradeLegacyResult(json);
  const parsed = drillResultSchema.safeParse(json);
  if (!parsed.success)
    throw new UsageError(
      `${file} is not a firedrill result (firedrill.result/v1): ${resultIssueText(parsed.error.issues, json)}`,
      { hint: 'result.json is written by `firedrill run`; re-render only run directories it made' },
    );
  // The schema's type and the engine's meet here: a field the two disagree on fails to compile.
  const result: DrillResult = parsed.data;
  return result;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readJson(file: string): unknown {
  const stat = statSync(file);
  // A FIFO or device would block or never end: only a regular file is read.
  if (!stat.isFile())
    throw new UsageError(`${file} is not a regular file`, {
      hint: 'result.json is a file written by `firedrill run`',
    });
  if (stat.size > maxResultBytes)
    throw new UsageError(
      `${file} is ${stat.size} bytes, more than the ${maxResultBytes} bytes a result.json may have`,
      { hint: 'result.json is written by `firedrill run`; re-render only run directories it made' },
    );
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${errorMessage(error)}`, {
      hint: 'the run may have been interrupted while writing it; run the drill again',
    });
  }
}

function notARunDir(dir: string): UsageError {
  if (existsSync(join(dir, 'events.ndjson')))
    return new UsageError(`${dir} has a journal but no ${resultFileName}: the run did not finish`, {
      hint: 'firedrill was stopped before it wrote the result; run `firedrill cleanup`, then the drill again',
    });
  const nested = directories(dir).some(
    (name) => existsSync(join(dir, name, resultFileName)) || containsRuns(join(dir, name)),
  );
  return new UsageError(`${dir} is not a run directory: it has no ${resultFileName}`, {
    hint: nested
      ? `it holds run directories: pass one of them, or build the history with \`firedrill report --index ${dir}\``
      : 'a run directory is reports/<scenario>/<timestamp>-<runId>/, written by `firedrill run`',
  });
}

function containsRuns(dir: string): boolean {
  return directories(dir).some((name) => existsSync(join(dir, name, resultFileName)));
}

/** Names of the directories in `dir`; none when it cannot be listed (the hint is then the general one). */
function directories(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch {
    return [];
  }
}
