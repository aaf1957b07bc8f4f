import { createHmac, randomBytes } from 'node:crypto';
import type { Profile, ProfileSecrets } from '../credentials/profile';
import type { SecretKind } from './findings';

/**
 * HMAC-SHA256 under a key made when the window starts and held only here, in memory. The index
 * keeps these digests instead of the secrets, and since the key never leaves this object, a digest
 * that ended up anywhere could not be tested against a guessed secret.
 */
export class KeyedHasher {
  private readonly key: Buffer;

  constructor(key: Uint8Array = randomBytes(32)) {
    this.key = Buffer.from(key);
  }

  digest(text: string | Uint8Array): string {
    return typeof text === 'string'
      ? createHmac('sha256', this.key).update(text, 'utf8').digest('base64')
      : createHmac('sha256', this.key).update(text).digest('base64');
  }
}

interface ProfileDigests {
  readonly stamp: string;
  readonly parts: ReadonlyArray<{ readonly digest: string; readonly length: number; readonly secret: SecretKind }>;
}

export interface StoredSecretMatch {
  readonly accessKeyId: string;
  readonly profileIds: readonly string[];
  readonly secret: SecretKind;
}

/**
 * The characters a secret is matched by: letters, digits, `+ / _ -` and trailing `=`, which
 * covers every AccessKey secret and STS token Alibaba Cloud issues. Text is cut into runs of them.
 */
export const TOKEN_PATTERN = /[A-Za-z0-9+/_-]+={0,2}/g;
/** Shorter tokens are too common to be worth comparing (an AccessKey secret has 30 characters). */
const MIN_SECRET_LENGTH = 8;

/** The part of a secret that the tokenizer sees as one token: all of it, or its longest run when it holds other characters. */
export function matchablePart(secret: string): string | undefined {
  let best = '';
  for (const m of secret.matchAll(TOKEN_PATTERN)) {
    if (m[0].length > best.length) {
      best = m[0];
    }
  }
  return best.length >= MIN_SECRET_LENGTH ? best : undefined;
}

/**
 * What detection compares against: the AccessKey IDs of the local profiles, and the keyed digests
 * of their secrets and STS tokens with the lengths that occur (so only tokens of such a length
 * are hashed at all). Immutable; rebuilt when the profiles change.
 */
export class KeyIndex {
  private constructor(
    private readonly hasher: KeyedHasher | undefined,
    private readonly ids: ReadonlyMap<string, readonly string[]>,
    private readonly digests: ReadonlyMap<string, StoredSecretMatch>,
    lengths: ReadonlySet<number>,
    /** Each profile's digests, and the edit stamp they were made for: the next build reuses them. */
    private readonly perProfile: ReadonlyMap<string, ProfileDigests>,
    /** Tells indexes apart, so results computed with an older one are recomputed. */
    readonly version: number,
  ) {
    this.lengths = new Uint8Array(Math.max(0, ...lengths) + 1);
    lengths.forEach((n) => (this.lengths[n] = 1));
  }

  /** lengths[n] is 1 when a stored secret has n characters: tested for every token, so a table. */
  private readonly lengths: Uint8Array;
  private static versions = 0;

  static empty(): KeyIndex {
    return new KeyIndex(undefined, new Map(), new Map(), new Set(), new Map(), ++KeyIndex.versions);
  }

  /**
   * Reads the secrets of each profile that is new or changed since `previous` (by its edit stamp)
   * once, and keeps only their digests; unchanged profiles keep theirs, unread.
   */
  static async build(
    profiles: readonly Profile[],
    secretsOf: (profileId: string) => Promise<ProfileSecrets | undefined>,
    hasher: KeyedHasher,
    previous?: KeyIndex,
  ): Promise<KeyIndex> {
    const ids = new Map<string, string[]>();
    const digests = new Map<string, { accessKeyId: string; profileIds: string[]; secret: SecretKind }>();
    const lengths = new Set<number>();
    const perProfile = new Map<string, ProfileDigests>();
    for (const profile of profiles) {
      ids.set(profile.accessKeyId, [...(ids.get(profile.accessKeyId) ?? []), profile.id]);
      const stamp = `${profile.accessKeyId}|${profile.updatedAt ?? profile.createdAt}`;
      let own = previous?.hasher === hasher ? previous.perProfile.get(profile.id) : undefined;
      if (own?.stamp !== stamp) {
        const secrets = await secretsOf(profile.id).catch(() => undefined);
        const parts: Array<ProfileDigests['parts'][number]> = [];
        for (const [value, secret] of [[secrets?.accessKeySecret, 'accessKeySecret'], [secrets?.securityToken, 'securityToken']] as const) {
          const part = value ? matchablePart(value) : undefined;
          if (part) {
            parts.push({ digest: hasher.digest(part), length: part.length, secret });
          }
        }
        own = { stamp, parts };
      }
      perProfile.set(profile.id, own);
      for (const { digest, length, secret } of own.parts) {
        const known = digests.get(digest);
        if (known) {
          known.profileIds.push(profile.id);
        } else {
          digests.set(digest, { accessKeyId: profile.accessKeyId, profileIds: [profile.id], secret });
          lengths.add(length);
        }
      }
    }
    return new KeyIndex(hasher, ids, digests, lengths, perProfile, ++KeyIndex.versions);
  }

  get hasSecrets(): boolean {
    return this.digests.size > 0;
  }

  /** Local profiles that hold this AccessKey ID. */
  profilesFor(accessKeyId: string): readonly string[] {
    return this.ids.get(accessKeyId) ?? [];
  }

  /** Whether a stored secret has this length: the cheap test before a token is hashed. */
  isSecretLength(length: number): boolean {
    return this.lengths[length] === 1;
  }

  /** Whether a token is one of the stored secrets; only tokens of a stored secret's length are hashed. */
  matchSecret(token: string): StoredSecretMatch | undefined {
    if (!this.hasher || !this.isSecretLength(token.length)) {
      return undefined;
    }
    return this.digests.get(this.hasher.digest(token));
  }

  /** matchSecret for a token's UTF-8 bytes (a file as read). */
  matchSecretBytes(token: Uint8Array): StoredSecretMatch | undefined {
    if (!this.hasher || !this.isSecretLength(token.length)) {
      return undefined;
    }
    return this.digests.get(this.hasher.digest(token));
  }

  /** The same comparison without the length filter: what a naive detector does (for the bench). */
  matchSecretUnfiltered(token: string): StoredSecretMatch | undefined {
    return this.hasher ? this.digests.get(this.hasher.digest(token)) : undefined;
  }
}
