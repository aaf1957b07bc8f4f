/**
 * Small helpers shared by the emulator modules. Node built-ins only.
 */
import * as crypto from 'crypto';

/** `2024-01-02T03:04:05Z`: the date form Alibaba Cloud APIs return. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A RequestId the way Alibaba Cloud writes them: an upper-case UUID. */
export function newRequestId(): string {
  return crypto.randomUUID().toUpperCase();
}

/** RFC 3986 percent-encoding exactly as the SDK's `encode` (encodeURIComponent + !'()*). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/!/g, '%21')
    .replace(/'/g, '%27')
    .replace(/\(/g, '%28')
    .replace(/\)/g, '%29')
    .replace(/\*/g, '%2A');
}

/** `LTAI5tDemoAliceKey000001` -> `LTAI****0001`. Never logs a whole key id. */
export function maskKeyId(id: string | undefined): string {
  if (!id) {
    return '-';
  }
  if (id.length <= 8) {
    return '****';
  }
  return `${id.slice(0, 4)}****${id.slice(-4)}`;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function randomString(length: number, alphabet: string = ALNUM): string {
  const bytes = crypto.randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) {
    out += alphabet[bytes[i] % alphabet.length];
  }
  return out;
}

export function randomLowerAlnum(length: number): string {
  return randomString(length, LOWER_ALNUM);
}

export function randomDigits(length: number): string {
  return randomString(length, '0123456789');
}

/** A stable numeric string derived from `text` (for defaults that must not change across resets). */
export function stableDigits(text: string, length: number): string {
  const hex = crypto.createHash('sha256').update(text).digest('hex');
  const n = BigInt(`0x${hex}`) % 10n ** BigInt(length);
  return n.toString().padStart(length, '0');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
