import type { Finding, LineFinding } from './findings';
import type { KeyIndex } from './keyIndex';

// Detection works on UTF-8 bytes: a file is scanned as read, without decoding it, and a line of
// an open document is encoded first. Every character that can be part of a key is ASCII, and no
// byte of a multi-byte UTF-8 character is, so bytes and characters give the same tokens.

/** 1: a character of a token (letters, digits, `+ / _ -`); `=` may follow as up to two pads. See TOKEN_PATTERN. */
const TOKEN_CHAR = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-') {
  TOKEN_CHAR[c.charCodeAt(0)] = 1;
}
const EQUALS = 0x3d;
const NEWLINE = 0x0a;

function isAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** Letters, digits, `+` and `/`: an ID next to one of these is part of a longer (base64) run, not an ID. */
function isBase64(c: number): boolean {
  return isAlnum(c) || c === 0x2b || c === 0x2f;
}

/**
 * AccessKey IDs: `LTAI` and 12–30 letters or digits, or an STS ID (`STS.` and 16–40 with a digit,
 * unlike `STS.GetCallerIdentity`). Each occurrence of the prefix is found with indexOf and only
 * then measured, so a large file is scanned at the speed of indexOf.
 */
const ID_KINDS = [
  { prefix: Buffer.from('LTAI'), min: 12, max: 30 },
  { prefix: Buffer.from('STS.'), min: 16, max: 40 },
];

/** `LTAIXXXXXXXXXXXX`, `LTAI000000000000`: placeholders in docs and samples, not keys. */
function isPlaceholder(id: string): boolean {
  const a = id.charCodeAt(4);
  let b = -1;
  for (let i = 5; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c !== a && c !== b) {
      if (b !== -1) {
        return false;
      }
      b = c;
    }
  }
  return true;
}

/** A finding with byte offsets. */
interface RawFinding extends Omit<LineFinding, 'start' | 'end'> {
  readonly from: number;
  readonly to: number;
}

function scanIds(index: KeyIndex, bytes: Buffer, out: RawFinding[]): void {
  for (const { prefix, min, max } of ID_KINDS) {
    for (let at = bytes.indexOf(prefix); at >= 0; at = bytes.indexOf(prefix, at + 1)) {
      if (at > 0 && isBase64(bytes[at - 1])) {
        continue;
      }
      let end = at + 4;
      while (end < bytes.length && isAlnum(bytes[end])) {
        end++;
      }
      const n = end - at - 4;
      if (n < min || n > max || (end < bytes.length && isBase64(bytes[end]))) {
        continue;
      }
      const id = bytes.toString('latin1', at, end);
      if (isPlaceholder(id) || (prefix[0] === 0x53 && !/[0-9]/.test(id))) {
        continue;
      }
      const profileIds = index.profilesFor(id);
      out.push({ kind: profileIds.length ? 'knownId' : 'unknownId', from: at, to: end, accessKeyId: id, profileIds });
    }
  }
}

/** Runs of token characters; only those as long as a stored secret are hashed and looked up. */
function scanSecrets(index: KeyIndex, bytes: Buffer, out: RawFinding[]): void {
  const length = bytes.length;
  let i = 0;
  while (i < length) {
    if (TOKEN_CHAR[bytes[i]] !== 1) {
      i++;
      continue;
    }
    const start = i;
    while (i < length && TOKEN_CHAR[bytes[i]] === 1) {
      i++;
    }
    for (let pad = 0; pad < 2 && i < length && bytes[i] === EQUALS; pad++) {
      i++;
    }
    if (index.isSecretLength(i - start)) {
      const match = index.matchSecretBytes(bytes.subarray(start, i));
      if (match) {
        out.push({ kind: 'storedSecret', from: start, to: i, ...match });
      }
    }
  }
}

function scanRaw(index: KeyIndex, bytes: Buffer): RawFinding[] {
  const out: RawFinding[] = [];
  scanIds(index, bytes, out);
  if (index.hasSecrets) {
    scanSecrets(index, bytes, out);
  }
  return out.length > 1 ? out.sort((a, b) => a.from - b.from) : out;
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The column (UTF-16 code units, as editors count) of a byte offset within a line. */
function column(bytes: Buffer, lineStart: number, offset: number): number {
  for (let i = lineStart; i < offset; i++) {
    if (bytes[i] >= 0x80) {
      return bytes.toString('utf8', lineStart, offset).length;
    }
  }
  return offset - lineStart;
}

/** Every finding of a file's bytes (UTF-8), with lines and columns. */
export function scanBytes(index: KeyIndex, data: Uint8Array): Finding[] {
  const bytes = asBuffer(data);
  const findings: Finding[] = [];
  let line = 0;
  let lineStart = 0;
  for (const { from, to, ...f } of scanRaw(index, bytes)) {
    for (let nl = bytes.indexOf(NEWLINE, lineStart); nl >= 0 && nl < from; nl = bytes.indexOf(NEWLINE, lineStart)) {
      line++;
      lineStart = nl + 1;
    }
    findings.push({ ...f, line, start: column(bytes, lineStart, from), end: column(bytes, lineStart, to) });
  }
  return findings;
}

/** Every finding of a whole text (a staged version, a test's text). */
export function scanText(index: KeyIndex, text: string): Finding[] {
  return scanBytes(index, Buffer.from(text, 'utf8'));
}

const NONE: readonly LineFinding[] = Object.freeze([]);

/** Everything detection finds in one line of text, left to right. */
export function scanLine(index: KeyIndex, text: string): readonly LineFinding[] {
  if (text.length === 0) {
    return NONE;
  }
  const found = scanBytes(index, Buffer.from(text, 'utf8'));
  return found.length === 0 ? NONE : found.map(({ line: _line, ...f }) => f);
}
