/**
 * Go's encoding/json reading of a document: its validity check (scanner.go checkValid runs before
 * any decoding, so a syntax error wins over everything else) with Go's error texts
 * ("invalid character '#' looking for beginning of object key string", "unexpected end of JSON
 * input"), then the tree. Strings are unquoted as Go does (invalid UTF-16 surrogates become
 * U+FFFD). Depth is bounded like Go's scanner (maxNestingDepth 10000: "exceeded max depth").
 */
import type { JsonNode } from './json-node';

export type JsonParseResult = { ok: true; node: JsonNode } | { ok: false; error: string };

const MAX_DEPTH = 10000;

class SyntaxFailure extends Error {}

/** scanner.go quoteChar: the offending byte as Go quotes it. */
function quoteChar(text: string, at: number): string {
  const c = text[at];
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  const code = c.codePointAt(0) ?? 0;
  // The scanner steps over bytes: a non-ASCII character is reported by its first UTF-8 byte.
  const firstByte = code < 0x80 ? code : Buffer.from(String.fromCodePoint(code), 'utf8')[0];
  const s = JSON.stringify(String.fromCharCode(firstByte));
  const inner = s.slice(1, -1).replace(/\\u00([0-9a-f]{2})/g, '\\x$1');
  return `'${inner}'`;
}

export function parseGoJson(text: string): JsonParseResult {
  const p = new Parser(text);
  try {
    p.ws();
    const node = p.value('looking for beginning of value', 0);
    p.ws();
    if (p.i < text.length) p.fail('after top-level value');
    return { ok: true, node };
  } catch (e) {
    if (e instanceof SyntaxFailure) return { ok: false, error: e.message };
    throw e;
  }
}

class Parser {
  i = 0;
  constructor(private readonly text: string) {}

  fail(context: string): never {
    if (this.i >= this.text.length) throw new SyntaxFailure('unexpected end of JSON input');
    throw new SyntaxFailure(`invalid character ${quoteChar(this.text, this.i)} ${context}`);
  }

  ws(): void {
    while (this.i < this.text.length) {
      const c = this.text.charCodeAt(this.i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.i++;
      else break;
    }
  }

  value(context: string, depth: number): JsonNode {
    const c = this.text[this.i];
    if (c === '{') return this.object(depth + 1);
    if (c === '[') return this.array(depth + 1);
    if (c === '"') return { kind: 'string', value: this.string() };
    if (c === '-' || (c >= '0' && c <= '9')) return { kind: 'number', text: this.number() };
    if (c === 't') return this.literal('true', { kind: 'bool', value: true });
    if (c === 'f') return this.literal('false', { kind: 'bool', value: false });
    if (c === 'n') return this.literal('null', { kind: 'null' });
    return this.fail(context);
  }

  /** scanner.go pushParseState: "invalid character '[' exceeded max depth". */
  private enter(depth: number): void {
    if (depth > MAX_DEPTH) this.fail('exceeded max depth');
  }

  private object(depth: number): JsonNode {
    this.enter(depth);
    this.i++;
    const members: Array<[string, JsonNode]> = [];
    this.ws();
    if (this.text[this.i] === '}') {
      this.i++;
      return { kind: 'object', members };
    }
    for (;;) {
      if (this.text[this.i] !== '"') this.fail('looking for beginning of object key string');
      const key = this.string();
      this.ws();
      if (this.text[this.i] !== ':') this.fail('after object key');
      this.i++;
      this.ws();
      members.push([key, this.value('looking for beginning of value', depth)]);
      this.ws();
      const c = this.text[this.i];
      if (c === ',') {
        this.i++;
        this.ws();
        continue;
      }
      if (c === '}') {
        this.i++;
        return { kind: 'object', members };
      }
      this.fail('after object key:value pair');
    }
  }

  private array(depth: number): JsonNode {
    this.enter(depth);
    this.i++;
    const items: JsonNode[] = [];
    this.ws();
    if (this.text[this.i] === ']') {
      this.i++;
      return { kind: 'array', items };
    }
    for (;;) {
      items.push(this.value('looking for beginning of value', depth));
      this.ws();
      const c = this.text[this.i];
      if (c === ',') {
        this.i++;
        this.ws();
        continue;
      }
      if (c === ']') {
        this.i++;
        return { kind: 'array', items };
      }
      this.fail('after array element');
    }
  }

  private literal(word: string, node: JsonNode): JsonNode {
    for (let k = 0; k < word.length; k++, this.i++) {
      if (this.text[this.i] !== word[k]) {
        if (k === 0) this.fail('looking for beginning of value');
        this.fail(`in literal ${word} (expecting '${word[k]}')`);
      }
    }
    return node;
  }

  private number(): string {
    const start = this.i;
    const digit = () => this.i < this.text.length && this.text[this.i] >= '0' && this.text[this.i] <= '9';
    if (this.text[this.i] === '-') {
      this.i++;
      if (!digit()) this.fail('in numeric literal');
    }
    if (this.text[this.i] === '0') this.i++;
    else while (digit()) this.i++;
    if (this.text[this.i] === '.') {
      this.i++;
      if (!digit()) this.fail('after decimal point in numeric literal');
      while (digit()) this.i++;
    }
    if (this.text[this.i] === 'e' || this.text[this.i] === 'E') {
      this.i++;
      if (this.text[this.i] === '+' || this.text[this.i] === '-') this.i++;
      if (!digit()) this.fail('in exponent of numeric literal');
      while (digit()) this.i++;
    }
    return this.text.slice(start, this.i);
  }

  private string(): string {
    this.i++;
    let out = '';
    for (;;) {
      if (this.i >= this.text.length) this.fail('in string literal');
      const c = this.text[this.i];
      const code = this.text.charCodeAt(this.i);
      if (c === '"') {
        this.i++;
        return out;
      }
      if (code < 0x20) this.fail('in string literal');
      if (c !== '\\') {
        // A lone surrogate cannot be valid UTF-8: Go's decoder replaces it with U+FFFD.
        if (code >= 0xd800 && code <= 0xdfff) {
          const next = this.text.charCodeAt(this.i + 1);
          if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
            out += this.text.slice(this.i, this.i + 2);
            this.i += 2;
            continue;
          }
          out += '\ufffd';
        } else out += c;
        this.i++;
        continue;
      }
      this.i++;
      const e = this.text[this.i];
      const simple: Record<string, string> = {
        '"': '"',
        '\\': '\\',
        '/': '/',
        b: '\b',
        f: '\f',
        n: '\n',
        r: '\r',
        t: '\t',
      };
      if (e !== undefined && simple[e] !== undefined) {
        out += simple[e];
        this.i++;
        continue;
      }
      if (e !== 'u') this.fail('in string escape code');
      this.i++;
      const unit = this.hex4();
      if (unit >= 0xd800 && unit <= 0xdbff && this.text.startsWith('\\u', this.i)) {
        const save = this.i;
        this.i += 2;
        const low = this.hex4();
        if (low >= 0xdc00 && low <= 0xdfff) {
          out += String.fromCharCode(unit, low);
          continue;
        }
        this.i = save;
      }
      out += unit >= 0xd800 && unit <= 0xdfff ? '\ufffd' : String.fromCharCode(unit);
    }
  }

  private hex4(): number {
    let v = 0;
    for (let k = 0; k < 4; k++) {
      const c = this.text[this.i];
      if (c === undefined || !/[0-9a-fA-F]/.test(c)) this.fail('in \\u hexadecimal character escape');
      v = v * 16 + parseInt(c, 16);
      this.i++;
    }
    return v;
  }
}
