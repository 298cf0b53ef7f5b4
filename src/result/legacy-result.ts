/**
 * Result files written before impact and recovery came from every signal carry a figure's bound
 * as `resolutionMs` (then always a probe interval) and its source as `probe`. Reading them, each
 * becomes today's shape: `resolution: { ms, basis: 'sampling interval' }` and `signal`, so old
 * run directories still re-render and feed the history. Works on parsed JSON in place.
 */
export function upgradeLegacyResult(json: unknown): void {
  const result = record(json);
  if (!result) return;
  for (const probe of array(result.probes)) {
    const p = record(probe);
    if (p && typeof p.skippedTicks !== 'number') p.skippedTicks = 0;
  }
  for (const row of array(result.objectives)) upgradeFigure(record(row));
  const runs = [result.measurements, ...array(result.iterations).map((it) => record(it)?.measurements)];
  for (const m of runs.map(record)) {
    if (!m) continue;
    for (const key of ['detect', 'recover', 'recoveryAfterDetection', 'total', 'impact'])
      upgradeFigure(record(m[key]));
    upgradeFigure(record(record(m.data)?.rpo));
    for (const row of array(m.during)) upgradeFigure(record(row));
    const impact = record(m.impact);
    if (!Array.isArray(m.signals))
      m.signals = impact && typeof impact.signal === 'string' ? [impact.signal] : [];
    if (impact?.status === 'impact' && !impact.resolution)
      impact.resolution = { ms: 0, basis: 'sampling interval' };
  }
}

function upgradeFigure(figure: Record<string, unknown> | undefined): void {
  if (!figure) return;
  if (typeof figure.resolutionMs === 'number' && figure.resolution === undefined) {
    figure.resolution = { ms: figure.resolutionMs, basis: 'sampling interval' };
    delete figure.resolutionMs;
  }
  if (typeof figure.probe === 'string' && figure.signal === undefined) {
    figure.signal = figure.probe;
    delete figure.probe;
  }
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function array(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
