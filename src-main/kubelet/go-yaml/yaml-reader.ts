/**
 * The input stage of go-yaml v2 (the YAML library under sigs.k8s.io/yaml, which the kubelet uses
 * to read manifests): the byte order mark picks UTF-8, UTF-16LE or UTF-16BE, every character is
 * decoded and checked, and the first bad one stops the parse (go-yaml v2 readerc.go
 * yaml_parser_determine_encoding, yaml_parser_update_buffer). Errors carry no line: go-yaml
 * reports reader errors without one ("yaml: control characters are not allowed").
 */

export type ReadResult = { ok: true; text: string } | { ok: false; problem: string };

const BOM_UTF8 = [0xef, 0xbb, 0xbf];

/** go-yaml v2 readerc.go: the characters a YAML stream may contain (tab, CR, LF, printable). */
function allowed(cp: number): boolean {
  return (
    cp === 0x09 ||
    cp === 0x0a ||
    cp === 0x0d ||
    (cp >= 0x20 && cp <= 0x7e) ||
    cp === 0x85 ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

const CONTROL = 'control characters are not allowed';

export function readYamlBytes(bytes: Uint8Array): ReadResult {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return readUtf16(bytes, 2, true);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return readUtf16(bytes, 2, false);
  const start = bytes.length >= 3 && BOM_UTF8.every((b, i) => bytes[i] === b) ? 3 : 0;
  return readUtf8(bytes, start);
}

function readUtf8(bytes: Uint8Array, start: number): ReadResult {
  const parts: string[] = [];
  let chunkStart = start;
  let i = start;
  while (i < bytes.length) {
    const octet = bytes[i];
    let width: number;
    let value: number;
    if ((octet & 0x80) === 0) {
      width = 1;
      value = octet;
    } else if ((octet & 0xe0) === 0xc0) {
      width = 2;
      value = octet & 0x1f;
    } else if ((octet & 0xf0) === 0xe0) {
      width = 3;
      value = octet & 0x0f;
    } else if ((octet & 0xf8) === 0xf0) {
      width = 4;
      value = octet & 0x07;
    } else {
      return { ok: false, problem: 'invalid leading UTF-8 octet' };
    }
    if (i + width > bytes.length) return { ok: false, problem: 'incomplete UTF-8 octet sequence' };
    for (let k = 1; k < width; k++) {
      const next = bytes[i + k];
      if ((next & 0xc0) !== 0x80) return { ok: false, problem: 'invalid trailing UTF-8 octet' };
      value = (value << 6) + (next & 0x3f);
    }
    const minimal =
      width === 1 ||
      (width === 2 && value >= 0x80) ||
      (width === 3 && value >= 0x800) ||
      (width === 4 && value >= 0x10000);
    if (!minimal) return { ok: false, problem: 'invalid length of a UTF-8 sequence' };
    if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff)
      return { ok: false, problem: 'invalid Unicode character' };
    if (!allowed(value)) return { ok: false, problem: CONTROL };
    i += width;
    // Decode in chunks: valid UTF-8 between checks is handed to the platform decoder.
    if (i - chunkStart > 65536) {
      parts.push(Buffer.from(bytes.buffer, bytes.byteOffset + chunkStart, i - chunkStart).toString('utf8'));
      chunkStart = i;
    }
  }
  parts.push(Buffer.from(bytes.buffer, bytes.byteOffset + chunkStart, i - chunkStart).toString('utf8'));
  return { ok: true, text: parts.join('') };
}

function readUtf16(bytes: Uint8Array, start: number, littleEndian: boolean): ReadResult {
  const units: number[] = [];
  const out: string[] = [];
  const unit = (at: number) =>
    littleEndian ? bytes[at] + (bytes[at + 1] << 8) : (bytes[at] << 8) + bytes[at + 1];
  let i = start;
  while (i < bytes.length) {
    if (bytes.length - i < 2) return { ok: false, problem: 'incomplete UTF-16 character' };
    let value = unit(i);
    if ((value & 0xfc00) === 0xdc00) return { ok: false, problem: 'unexpected low surrogate area' };
    let width = 2;
    if ((value & 0xfc00) === 0xd800) {
      if (bytes.length - i < 4) return { ok: false, problem: 'incomplete UTF-16 surrogate pair' };
      const low = unit(i + 2);
      if ((low & 0xfc00) !== 0xdc00) return { ok: false, problem: 'expected low surrogate area' };
      value = 0x10000 + ((value & 0x3ff) << 10) + (low & 0x3ff);
      width = 4;
    }
    if (!allowed(value)) return { ok: false, problem: CONTROL };
    units.push(value);
    if (units.length >= 8192) {
      out.push(String.fromCodePoint(...units));
      units.length = 0;
    }
    i += width;
  }
  out.push(String.fromCodePoint(...units));
  return { ok: true, text: out.join('') };
}
