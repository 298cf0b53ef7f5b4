/**
 * Just enough of the tar format (ustar, as Docker's archive API writes it) to change one file: find
 * the first regular file, edit its bytes, and write the archive back with its header (mode,
 * owner, mtime) unchanged but for the size.
 */

const BLOCK = 512;
const SIZE_FIELD = { start: 124, length: 12 };
const CHECKSUM_FIELD = { start: 148, length: 8 };
const TYPE_AT = 156;

export interface TarFile {
  /** Everything before the file's data (extended headers and its own header). */
  head: Buffer;
  data: Buffer;
}

export function readTarFile(archive: Buffer): TarFile | undefined {
  for (let at = 0; at + BLOCK <= archive.length;) {
    const header = archive.subarray(at, at + BLOCK);
    if (header.every((byte) => byte === 0)) return undefined;
    const size = parseOctal(header.subarray(SIZE_FIELD.start, SIZE_FIELD.start + SIZE_FIELD.length));
    if (size === undefined) return undefined;
    const type = String.fromCharCode(header[TYPE_AT] ?? 0);
    const dataAt = at + BLOCK;
    if (type === '0' || type === '\0') {
      return {
        head: archive.subarray(0, dataAt),
        data: Buffer.from(archive.subarray(dataAt, dataAt + size)),
      };
    }
    at = dataAt + Math.ceil(size / BLOCK) * BLOCK;
  }
  return undefined;
}

/** The archive with the file's data replaced; the header's size and checksum follow the data. */
export function writeTarFile(file: TarFile): Buffer {
  const head = Buffer.from(file.head);
  const header = head.subarray(head.length - BLOCK);
  header.write(
    file.data.length.toString(8).padStart(SIZE_FIELD.length - 1, '0') + '\0',
    SIZE_FIELD.start,
    'latin1',
  );
  header.fill(' ', CHECKSUM_FIELD.start, CHECKSUM_FIELD.start + CHECKSUM_FIELD.length);
  const sum = header.reduce((total, byte) => total + byte, 0);
  header.write(sum.toString(8).padStart(6, '0') + '\0 ', CHECKSUM_FIELD.start, 'latin1');
  const padding = Buffer.alloc((BLOCK - (file.data.length % BLOCK)) % BLOCK);
  return Buffer.concat([head, file.data, padding, Buffer.alloc(2 * BLOCK)]);
}

function parseOctal(field: Buffer): number | undefined {
  // A set high bit means base-256 (files over 8 GiB): not something this fault handles.
  if ((field[0] ?? 0) & 0x80) return undefined;
  const text = field.toString('latin1').replace(/\0.*$/s, '').trim();
  return /^[0-7]*$/.test(text) ? parseInt(text || '0', 8) : undefined;
}
