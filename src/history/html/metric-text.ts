import { formatDuration } from '../../common/duration.js';
import type { MetricKey, MetricValue } from '../run-record.js';

export const metricLabels: Record<MetricKey, string> = {
  ttd: 'time to detect',
  ttr: 'time to recover',
  lostWrites: 'lost writes',
};

/** How a metric's numbers read: durations for times, plain counts for lost writes. */
export const metricFormat: Record<MetricKey, (value: number) => string> = {
  ttd: formatDuration,
  ttr: formatDuration,
  lostWrites: (n) => String(n),
};

export function metricText(key: MetricKey, value: MetricValue): string {
  const format = metricFormat[key];
  switch (value.status) {
    case 'measured':
      return value.resolution > 0
        ? `${format(value.value)} ± ${format(value.resolution)}`
        : format(value.value);
    case 'exceeded':
      return `> ${format(value.over)}`;
    case 'not-measured':
      return '—';
  }
}
