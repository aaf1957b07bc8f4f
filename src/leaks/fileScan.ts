import { mapBounded } from '../util/concurrency';
import { scanBytes } from './detector';
import type { Finding } from './findings';
import type { KeyIndex } from './keyIndex';

/** Files above this are not read (a key pasted into a 5 MB data dump is not what we look for). */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Reads in flight at once: enough to hide the file system's latency, few enough not to crowd it. */
export const FILE_SCAN_PARALLELISM = 16;
/** Git's rule: a NUL byte in the first 8,000 bytes makes a file binary. */
const BINARY_PROBE_BYTES = 8000;

/** What reading a file gave: its bytes, "too large" (from its size, unread), or nothing (gone, unreadable). */
export type ReadResult = Uint8Array | 'tooLarge' | undefined;

export interface FileScanOptions<F> {
  readonly files: readonly F[];
  read(file: F, maxBytes: number): Promise<ReadResult>;
  readonly index: KeyIndex;
  readonly parallelism?: number;
  readonly maxBytes?: number;
  isCancelled?(): boolean;
  /** Called as files are done (not more often than the caller can use: every file). */
  onProgress?(done: number, total: number): void;
}

export interface FileScanResult<F> {
  /** Files with at least one finding. */
  readonly found: Array<{ readonly file: F; readonly findings: Finding[] }>;
  /** Files read and scanned, with or without findings. */
  readonly scanned: F[];
  readonly skippedLarge: number;
  readonly skippedBinary: number;
  readonly unreadable: number;
  readonly cancelled: boolean;
}

export function isBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, BINARY_PROBE_BYTES).includes(0);
}

/** Reads and scans files, a bounded number at a time; stops starting new ones once cancelled. */
export async function scanFiles<F>(options: FileScanOptions<F>): Promise<FileScanResult<F>> {
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  const found: Array<{ file: F; findings: Finding[] }> = [];
  const scanned: F[] = [];
  let skippedLarge = 0;
  let skippedBinary = 0;
  let unreadable = 0;
  let done = 0;
  let cancelled = false;
  await mapBounded(options.files, options.parallelism ?? FILE_SCAN_PARALLELISM, async (file) => {
    if (cancelled || options.isCancelled?.()) {
      cancelled = true;
      return;
    }
    let bytes: ReadResult;
    try {
      bytes = await options.read(file, maxBytes);
    } catch {
      bytes = undefined;
    }
    if (bytes === 'tooLarge' || (bytes && bytes.length > maxBytes)) {
      skippedLarge++;
    } else if (!bytes) {
      unreadable++;
    } else if (isBinary(bytes)) {
      skippedBinary++;
    } else {
      const findings = scanBytes(options.index, bytes);
      scanned.push(file);
      if (findings.length) {
        found.push({ file, findings });
      }
    }
    options.onProgress?.(++done, options.files.length);
  });
  return { found, scanned, skippedLarge, skippedBinary, unreadable, cancelled };
}
