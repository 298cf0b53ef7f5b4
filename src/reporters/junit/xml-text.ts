const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\n': '&#10;',
  '\r': '&#13;',
  '\t': '&#9;',
};

// Characters XML 1.0 forbids (control codes such as the ESC of coloured log output, lone
// surrogates): one of them makes the whole file unreadable to a CI, so they become U+FFFD.
const forbidden =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text safe inside an XML attribute value (double-quoted); line breaks survive as references. */
export function xmlAttr(value: string | number): string {
  return String(value)
    .replace(forbidden, '\ufffd')
    .replace(/[&<>"'\n\r\t]/g, (c) => entities[c] as string);
}

/** Text safe as XML element content. */
export function xmlText(value: string): string {
  return value.replace(forbidden, '\ufffd').replace(/[&<>]/g, (c) => entities[c] as string);
}

/**
 * `2026-11-22T03:02:59`: the JUnit schema's timestamp (ISO 8601, no zone: UTC here); undefined
 * when `iso` is not a date, and the attribute is then left out.
 */
export function junitTimestamp(iso: string): string | undefined {
  const time = new Date(iso).getTime();
  if (Number.isNaN(time)) return undefined;
  const text = new Date(time).toISOString();
  // Years past 9999 are written `+010000-...`, which is no JUnit timestamp either.
  return /^\d{4}-/.test(text) ? text.slice(0, 19) : undefined;
}

// A duration no drill reaches (about 31 years): beyond it `toFixed` would write an exponent,
// which is no decimal.
const longestMs = 1e12;

/** Seconds with millisecond precision, as JUnit's `time` attributes want; 0 for what is not a duration. */
export function seconds(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms <= 0) return '0.000';
  return (Math.min(ms, longestMs) / 1000).toFixed(3);
}
