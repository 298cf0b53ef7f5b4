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

/** `2026-11-22T03:02:59`: the JUnit schema's timestamp (ISO 8601, no zone: UTC here). */
export function junitTimestamp(iso: string): string {
  return iso.slice(0, 19);
}

/** Seconds with millisecond precision, as JUnit's `time` attributes want. */
export function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}
