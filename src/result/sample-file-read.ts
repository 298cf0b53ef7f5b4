import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseSampleLine, type SampleFileLine } from './sample-file.js';

/**
 * Reads `samples.ndjson` back line by line (constant memory, whatever the drill's length). A torn
 * last line (the run was killed mid-write) and lines of an unknown kind are skipped and counted.
 */
export async function* readSampleFile(
  file: string,
  counts: { skipped: number } = { skipped: 0 },
): AsyncGenerator<SampleFileLine> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const text of lines) {
    if (text.length === 0) continue;
    const line = parseSampleLine(text);
    if (line) yield line;
    else counts.skipped++;
  }
}
