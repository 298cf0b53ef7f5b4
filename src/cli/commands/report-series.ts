import { existsSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { SeriesThinner } from '../../engine/series-thinner.js';
import { WindowStats, SUMMARY_WINDOW_MS } from '../../engine/window-stats.js';
import type { DrillResult } from '../../result/index.js';
import { readSampleFile } from '../../result/sample-file-read.js';
import { requestFromLine, sampleFromLine, writeFromLine, SAMPLE_FILE } from '../../result/sample-file.js';

/**
 * A run directory's result with its series and per-window summaries rebuilt from the sample file
 * (`samples.ndjson`, every observation), read in one pass in constant memory: re-rendering never
 * depends on what result.json kept. Without a sample file (older runs), the result as it is.
 */
export async function withSeriesFromFile(result: DrillResult, runDir: string): Promise<DrillResult> {
  const file = join(runDir, SAMPLE_FILE);
  if (!existsSync(file) || !lstatSync(file).isFile()) return result;
  const thinner = new SeriesThinner(result.probes.length, result.samplesLimit);
  const windows = new WindowStats(result.windows?.perMs ?? SUMMARY_WINDOW_MS);
  for await (const line of readSampleFile(file)) {
    if (line.k === 's') {
      const sample = sampleFromLine(line);
      thinner.add(sample);
      windows.sample(sample);
    } else if (line.k === 'l') windows.request(requestFromLine(line));
    else if (line.k === 'w') windows.write(writeFromLine(line));
  }
  const { samples, downsampled } = thinner.series();
  return {
    ...result,
    samples,
    samplesDownsampled: downsampled,
    sampleFile: SAMPLE_FILE,
    windows: windows.summaries(),
  };
}
