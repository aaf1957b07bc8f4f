import { SafeError } from '../../util/errors';
import { sentences, t } from '../../util/l10n';
import type { AccessToken } from '../../aliyun/cloudSsoPortal';
import { checkProfileName, checkRegionId, type CloudSsoDefinition, type ProfileKind, type ProfileSecrets } from '../profile';

/** An entry's name as a profile name (cut and flattened when it would not pass as one), and its region when it is a region ID. */
export function entryNameAndRegion(name: string, regionId: string): { name: string; regionId: string | undefined } {
  const named = checkProfileName(name);
  const region = checkRegionId(regionId);
  return { name: named.ok ? named.value : name.slice(0, 64).replace(/[\r\n\t]/g, ' '), regionId: region.ok ? region.value : undefined };
}

export type ImportFormat = 'aliyun-cli' | 'credentials-file' | 'csv';

/** A role an entry assumes, checked as if typed into Add Profile. */
export interface FoundRole {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly durationSeconds: number;
  readonly externalId?: string;
  readonly policy?: string;
  /**
   * ChainableRamRoleArn: the name, in the same file, of the entry whose credentials assume the
   * role. Without it the entry's own key does (RamRoleArn, `type = ram_role_arn`).
   */
  readonly sourceName?: string;
}

/** A CloudSSO entry of the file: what the profile will be, and the sign-in the file carried. */
export interface FoundCloudSso extends CloudSsoDefinition {
  /** The CLI's access token while it still works; kept in memory until it goes to secret storage. */
  readonly token?: AccessToken;
  /** What the file said of its token: none, one that still works, or one that has ended. */
  readonly tokenState: 'none' | 'valid' | 'expired';
  /** The file holds a token or cached STS secrets for this entry (what removal takes out). */
  readonly holdsSecrets: boolean;
}

/** A profile found in a file, checked and cleaned. Its secrets stay in memory until stored. */
export interface FoundProfile {
  /** Its name in the source: the CLI profile, the INI section, or one made from the CSV row. */
  readonly name: string;
  /** `RamRole` for role entries: `accessKeyId` and `secrets` are then the key that assumes the role (empty for a chained one). */
  readonly kind: ProfileKind;
  readonly accessKeyId: string;
  readonly secrets: ProfileSecrets;
  readonly role?: FoundRole;
  /** `CloudSSO` entries: the directory, account and access configuration, and the token the file carried. */
  readonly sso?: FoundCloudSso;
  readonly regionId?: string;
  readonly expiration?: string;
  readonly keyCreatedAt?: string;
  /** What `Profile.source` will say: `aliyun-cli:dev`, `credentials-file:default`, `csv:AccessKey.csv`. */
  readonly source: string;
  /** How the file itself points at it, to remove its secret later: profile name, section name or CSV line. */
  readonly ref: string;
}

/** Something in the file that cannot become a profile, with the reason in the user's words. */
export interface NotImportable {
  readonly name: string;
  readonly mode: string;
  readonly reason: string;
}

export interface ParsedSource {
  readonly found: FoundProfile[];
  readonly notImportable: NotImportable[];
}

/**
 * A file we cannot use: the message names the file and the problem, and what was therefore left
 * undone when the command says so ("Nothing was imported."). Never carries file content.
 */
export class SourceFileError extends SafeError {
  constructor(readonly file: string, readonly problem: string, readonly outcome?: string) {
    super(sentences(t('{0}: {1}', file, problem), outcome));
    this.name = 'SourceFileError';
  }

  /** The same problem, saying what the command did not do because of it. */
  withOutcome(outcome: string): SourceFileError {
    return new SourceFileError(this.file, this.problem, outcome);
  }
}

/** 1 MB: real credentials files are a few KB; anything bigger is not one (or is damaged). */
export const MAX_SOURCE_BYTES = 1024 * 1024;

/** Where a JSON.parse failure happened, without quoting the text (it may hold a secret). */
export function jsonProblem(text: string): string {
  const offset = jsonErrorOffset(text);
  if (offset === undefined) {
    return t('it is not valid JSON.');
  }
  if (offset >= text.trimEnd().length) {
    return t('it is not valid JSON: it ends too early, as if it was cut short.');
  }
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return t('it is not valid JSON (the first error is at line {0}, column {1}).', line, column);
}

/**
 * The offset of the first error in `text` as JSON (RFC 8259), or undefined when it is valid.
 * V8's own messages quote the text around the error, which could show a secret, so we find it ourselves.
 */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) {
      i++;
    }
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) {
        fail();
      }
      i++;
    }
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length) {
      const ch = text[i];
      if (ch === '"') {
        i++;
        return;
      }
      if (ch < ' ') {
        fail();
      }
      if (ch === '\\') {
        i++;
        if (text[i] === 'u') {
          for (let k = 1; k <= 4; k++) {
            if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) {
              i += k;
              fail();
            }
          }
          i += 5;
          continue;
        }
        if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) {
          fail();
        }
      }
      i++;
    }
    fail();
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') {
      fail();
    }
    i += m![0].length;
  };
  const value = (depth: number): void => {
    if (depth > 512) {
      fail();
    }
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') {
          fail();
        }
        string();
        ws();
        if (text[i] !== ':') {
          fail();
        }
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail();
      }
    }
    if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail();
      }
    }
    if (ch === '"') {
      return string();
    }
    if (ch === 't') {
      return literal('true');
    }
    if (ch === 'f') {
      return literal('false');
    }
    if (ch === 'n') {
      return literal('null');
    }
    return number();
  };
  try {
    value(0);
    ws();
    return i < text.length ? i : undefined;
  } catch (offset) {
    return typeof offset === 'number' ? offset : 0;
  }
}
