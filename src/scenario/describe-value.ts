/** How schema types and values found in a file read in a problem message. */

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping (key: value lines)',
  array: 'a list (- item lines)',
  record: 'a mapping (key: value lines)',
};

export function describeType(expected: string): string {
  return TYPE_NAMES[expected] ?? expected;
}

/** How a value found in the file reads in a message: `"5 seconds"`, `5 (a number)`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return 'a mapping';
  return `${String(value)} (a ${typeof value})`;
}
