/**
 * Reads the regular files of a tar stream (GNU tar `-c`, as the pods snapshot makes it to read
 * every manifest of the static pod directory in one pass, issue 6 point 6). Only what that needs:
 * ustar/GNU headers, GNU long names (`L`) and pax `path` records (`x`); other entry types are
 * skipped. Pure, so it is tested on bytes; a truncated or damaged stream yields the files read
 * so far instead of throwing (a refresh must never lose the other views to one bad listing).
 */

const BLOCK = 512;

/** File contents by name; names are kept as latin1 strings so any byte survives the round trip. */
export type TarFiles = Map<string, Buffer>;

function cString(block: Buffer, start: number, length: number): Buffer {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return end === -1 ? field : field.subarray(0, end);
}

/** Size field: octal ASCII, or GNU base-256 when the high bit of the first byte is set. */
function readSize(block: Buffer): number | null {
  const field = block.subarray(124, 136);
  if ((field[0] ?? 0) & 0x80) {
    let value = (field[0] ?? 0) & 0x7f;
    for (let i = 1; i < field.length; i++) value = value * 256 + (field[i] ?? 0);
    return value;
  }
  const text = cString(block, 124, 12).toString('latin1').trim();
  if (!/^[0-7]*$/.test(text)) return null;
  return text === '' ? 0 : parseInt(text, 8);
}

/** `path` from a pax extended header body (`<len> path=<value>\n` records). */
function paxPath(body: Buffer): Buffer | null {
  let offset = 0;
  while (offset < body.length) {
    const space = body.indexOf(0x20, offset);
    if (space === -1) return null;
    const length = Number(body.subarray(offset, space).toString('latin1'));
    if (!Number.isInteger(length) || length <= 0) return null;
    const record = body.subarray(space + 1, offset + length - 1);
    const eq = record.indexOf(0x3d);
    if (eq !== -1 && record.subarray(0, eq).toString('latin1') === 'path') return record.subarray(eq + 1);
    offset += length;
  }
  return null;
}

export function readTarFiles(stream: Buffer): TarFiles {
  const files: TarFiles = new Map();
  let offset = 0;
  let longName: Buffer | null = null;
  while (offset + BLOCK <= stream.length) {
    const header = stream.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break; // end of archive
    const size = readSize(header);
    if (size === null) break;
    const dataStart = offset + BLOCK;
    const data = stream.subarray(dataStart, Math.min(dataStart + size, stream.length));
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    const type = String.fromCharCode(header[156] ?? 0);
    if (type === 'L') {
      longName = cString(data, 0, data.length);
      continue;
    }
    if (type === 'x') {
      longName = paxPath(data) ?? longName;
      continue;
    }
    const fromLongName = longName !== null;
    let name = longName ?? cString(header, 0, 100);
    longName = null;
    // POSIX ustar (magic "ustar\0") splits long names into prefix/name; GNU uses that space otherwise.
    const magic = header.subarray(257, 263).toString('latin1');
    const prefix = cString(header, 345, 155);
    if (magic === 'ustar\0' && prefix.length > 0 && !fromLongName)
      name = Buffer.concat([prefix, Buffer.from('/'), name]);
    if ((type === '0' || type === '\0' || type === '7') && data.length === size) {
      files.set(name.toString('latin1').replace(/^\.\//, ''), Buffer.from(data));
    }
  }
  return files;
}
