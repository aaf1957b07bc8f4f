// Profiles with made-up keys, and text that looks like keys but is not, for the detection tests
// and the bench's generated workspace.
import type { Profile, ProfileSecrets } from '../../src/credentials/profile';
import { KeyedHasher, KeyIndex } from '../../src/leaks/keyIndex';
import { seededRandom } from './profileFakes';

export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BASE64 = `${ALNUM}+/`;

export function randomString(random: () => number, length: number, alphabet = ALNUM): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out += alphabet[Math.floor(random() * alphabet.length)];
  }
  return out;
}

export function profile(id: string, accessKeyId: string, extra: Partial<Profile> = {}): Profile {
  return { id, name: id, kind: accessKeyId.startsWith('STS.') ? 'StsToken' : 'AccessKey', accessKeyId, regionId: 'cn-hangzhou', source: 'manual', createdAt: '2026-01-01T00:00:00Z', ...extra };
}

/** Three profiles: two AccessKeys (the second one's key held twice) and an STS token. */
export const KEYS = {
  prod: { id: 'LTAI5tProdKey0000000001', secret: 'Pr0dSecretAbcdefghijklmnopqrst' },
  dev: { id: 'LTAI5tDevKey00000000001', secret: 'D3vSecretAbcdefghijklmnopqrstu' },
  sts: { id: 'STS.NUtoken0000000000001', secret: 'StsSecretAbcdefghijklmnopqrstu', token: 'CAIS+token/with+base64/chars0123456789abcdefABCDEF==' },
};

export const PROFILES: Profile[] = [
  profile('prod', KEYS.prod.id),
  profile('dev', KEYS.dev.id),
  profile('dev-copy', KEYS.dev.id),
  profile('sts', KEYS.sts.id),
];

const SECRETS: Record<string, ProfileSecrets> = {
  prod: { accessKeySecret: KEYS.prod.secret },
  dev: { accessKeySecret: KEYS.dev.secret },
  'dev-copy': { accessKeySecret: KEYS.dev.secret },
  sts: { accessKeySecret: KEYS.sts.secret, securityToken: KEYS.sts.token },
};

export function buildIndex(hasher = new KeyedHasher(), profiles = PROFILES): Promise<KeyIndex> {
  return KeyIndex.build(profiles, async (id) => SECRETS[id], hasher);
}

/**
 * Strings that a careless detector would flag: random base64 of every length around a secret's
 * (30) and an ID's (16–34), `LTAI` with too few or too many characters, lower-case `ltai`, IDs
 * inside longer base64 runs, API names after `STS.`, placeholders.
 */
export function decoys(random: () => number, count: number): string[] {
  const makers: Array<() => string> = [
    () => randomString(random, 20 + Math.floor(random() * 180), BASE64),
    () => randomString(random, 30),
    () => randomString(random, 30, BASE64),
    () => `LTAI${randomString(random, 8 + Math.floor(random() * 4))}`,
    () => `LTAI${randomString(random, 31 + Math.floor(random() * 10))}`,
    () => `ltai${randomString(random, 20)}`,
    () => `${randomString(random, 5, BASE64)}LTAI${randomString(random, 20)}`,
    () => `LTAI${randomString(random, 20)}+${randomString(random, 10, BASE64)}`,
    () => 'STS.GetCallerIdentity',
    () => 'LTAIXXXXXXXXXXXXXXXX',
    () => `sha256-${randomString(random, 43, BASE64)}=`,
  ];
  return Array.from({ length: count }, (_, i) => makers[i % makers.length]());
}

export { seededRandom };
