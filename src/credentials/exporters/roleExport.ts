// A role profile in the aliyun CLI: a ChainableRamRoleArn profile that names its source, and the
// source itself (an AK profile, or recursively a chained one) when the CLI does not have it yet.
import { t } from '../../util/l10n';
import { isRoleProfile, type Profile, type ProfileSecrets } from '../profile';
import type { JsonObject } from '../importers/aliyunCli';
import { SourceFileError } from '../importers/types';
import { cliProfileNamed, cliRoot, cliText, keyFields, putCliProfile } from './aliyunCliExport';

/** One CLI profile the export writes. */
export interface CliWrite {
  readonly profile: Profile;
  readonly cliName: string;
  /** `add` a new CLI profile; `replace` the role's own (asked for); `fillSecret` into a CLI profile of the same key that has none. */
  readonly action: 'add' | 'replace' | 'fillSecret';
  /** A chained profile: the CLI profile whose credentials assume its role. */
  readonly sourceName?: string;
}

export interface RoleExportPlan {
  /** The role first, then the sources that are written, down the chain. */
  readonly writes: readonly CliWrite[];
  /** The CLI profile already there that the last written one is assumed with, used as it is. */
  readonly reused?: { readonly profile: Profile; readonly cliName: string };
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const MAX_CLI_NAME = 64;

/** A CLI name for a profile: no white space, at most 64 characters, not taken. */
function freeCliName(base: string, taken: Set<string>): string {
  const clean = base.trim().replace(/\s+/g, '-').slice(0, MAX_CLI_NAME) || 'profile';
  for (let n = 1; ; n++) {
    const name = n === 1 ? clean : `${clean.slice(0, MAX_CLI_NAME - String(n).length - 1)}-${n}`;
    if (!taken.has(name)) {
      return name;
    }
  }
}

function sameRole(entry: JsonObject, profile: Profile): boolean {
  const role = profile.role;
  const seconds = typeof entry.expired_seconds === 'number' && entry.expired_seconds > 0 ? entry.expired_seconds : 3600;
  return !!role && text(entry.ram_role_arn).toLowerCase() === role.roleArn.toLowerCase() && text(entry.ram_session_name) === role.sessionName
    && seconds === role.durationSeconds && text(entry.external_id) === (role.externalId ?? '');
}

/**
 * What the CLI already holds of `chain[i]` and everything below it: a usable profile, one of the
 * key without its secret (import may have removed it), or nothing. `except` is the name the role
 * itself takes: that profile is overwritten, so it cannot be a source.
 */
function findInCli(entries: JsonObject[], chain: readonly Profile[], i: number, except: string): { name: string; needsSecret: boolean } | undefined {
  const profile = chain[i];
  const candidates = entries.filter((e) => text(e.name) && text(e.name) !== except);
  if (!isRoleProfile(profile)) {
    const mode = profile.kind === 'StsToken' ? 'StsToken' : 'AK';
    const same = candidates.filter((e) => text(e.access_key_id) === profile.accessKeyId && (text(e.mode) || 'AK') === mode);
    const usable = same.find((e) => text(e.access_key_secret));
    return usable ? { name: text(usable.name), needsSecret: false } : same[0] ? { name: text(same[0].name), needsSecret: true } : undefined;
  }
  for (const e of candidates.filter((c) => sameRole(c, profile))) {
    if (text(e.mode) === 'ChainableRamRoleArn') {
      const source = findInCli(entries, chain, i + 1, except);
      if (source && !source.needsSecret && source.name === text(e.source_profile)) {
        return { name: text(e.name), needsSecret: false };
      }
    } else if (text(e.mode) === 'RamRoleArn' && i + 2 === chain.length && text(e.access_key_id) === chain[i + 1].accessKeyId && text(e.access_key_secret)) {
      return { name: text(e.name), needsSecret: false };
    }
  }
  return undefined;
}

/**
 * Which CLI profiles exporting a role profile writes. `chain` is the role profile, then its
 * source, that one's source, … down to the AccessKey (resolveChain's order, the role first).
 * The role takes `name` (overwriting a CLI profile of that name only with `replace`); each source
 * not in the CLI yet takes its own name, made free.
 */
export function planRoleExport(content: string | undefined, label: string, name: string, replace: boolean, chain: readonly Profile[]): RoleExportPlan {
  const root = cliRoot(content, label);
  const entries = (root.profiles as unknown[]).filter((p): p is JsonObject => !!p && typeof p === 'object' && !Array.isArray(p));
  const taken = new Set(entries.map((e) => text(e.name)).filter(Boolean));
  if (taken.has(name) && !replace) {
    throw new SourceFileError(label, t('it already has a profile "{0}". Choose another name, or confirm replacing it.', name));
  }
  taken.add(name);
  const writes: CliWrite[] = [{ profile: chain[0], cliName: name, action: cliProfileNamed(root, name) ? 'replace' : 'add' }];
  for (let i = 1; i < chain.length; i++) {
    const there = findInCli(entries, chain, i, name);
    const below = writes[writes.length - 1];
    if (there && !there.needsSecret) {
      writes[writes.length - 1] = { ...below, sourceName: there.name };
      return { writes, reused: { profile: chain[i], cliName: there.name } };
    }
    const cliName = there ? there.name : freeCliName(chain[i].name, taken);
    taken.add(cliName);
    writes[writes.length - 1] = { ...below, sourceName: cliName };
    writes.push({ profile: chain[i], cliName, action: there ? 'fillSecret' : 'add' });
  }
  return { writes };
}

/** What the consent says: every CLI profile written, which one carries a secret, and what is left out. */
export function describeRoleExport(plan: RoleExportPlan, label: string): { message: string; detail: string; withSecret: boolean } {
  const role = plan.writes[0].profile;
  const keyWrite = plan.writes.find((w) => !isRoleProfile(w.profile));
  const lines = plan.writes.map((w) => isRoleProfile(w.profile)
    ? t('"{0}" becomes CLI profile "{1}" (ChainableRamRoleArn, assumed with "{2}").', w.profile.name, w.cliName, w.sourceName ?? '')
    : w.action === 'fillSecret'
      ? t('The secret of "{0}" goes into CLI profile "{1}", which has its AccessKey ID but no secret.', w.profile.name, w.cliName)
      : t('"{0}" becomes CLI profile "{1}" ({2}), with its secret in plain text.', w.profile.name, w.cliName, w.profile.kind === 'StsToken' ? 'StsToken' : 'AK'));
  if (plan.reused) {
    lines.push(t('CLI profile "{0}" is there already and is used as it is.', plan.reused.cliName));
  }
  for (const w of plan.writes) {
    if (w.profile.role?.policy) {
      lines.push(t('The session policy of "{0}" is not written: the aliyun CLI has no place for one, so the CLI gets all of the role\'s permissions.', w.profile.name));
    }
  }
  lines.push(keyWrite
    ? t('The aliyun CLI reads it from there. The file is made readable only by you (mode 0600), but any program running as you can read it. VS Code keeps its own copy in secret storage either way.')
    : t('No secret is written. The file is made readable only by you (mode 0600).'));
  return {
    message: keyWrite
      ? t('Write role profile "{0}" and the secret of "{1}" in plain text to {2}?', role.name, keyWrite.profile.name, label)
      : t('Write role profile "{0}" to {1}?', role.name, label),
    detail: lines.join('\n'),
    withSecret: keyWrite !== undefined,
  };
}

/** The secret each written key needs, by profile id. */
export type SecretsOf = (profileId: string) => ProfileSecrets;

/** Writes the plan into the config; `setCurrent` makes the role the CLI's current profile. */
export function writeRoleExport(content: string | undefined, label: string, plan: RoleExportPlan, secretsOf: SecretsOf, setCurrent: boolean): { text: string; current: string } {
  const root = cliRoot(content, label);
  for (const write of plan.writes) {
    const { profile } = write;
    if (isRoleProfile(profile)) {
      const role = profile.role;
      const fields: JsonObject = {
        mode: 'ChainableRamRoleArn', source_profile: write.sourceName ?? '', ram_role_arn: role.roleArn, ram_session_name: role.sessionName,
        expired_seconds: role.durationSeconds, ...(role.externalId ? { external_id: role.externalId } : {}), region_id: profile.regionId,
      };
      // A chained profile holds no key: one left from what it replaces would stay in plain text.
      putCliProfile(root, label, write.cliName, fields, write.action === 'replace', ['access_key_id', 'access_key_secret', 'sts_token', ...(role.externalId ? [] : ['external_id'])]);
    } else if (write.action === 'fillSecret') {
      const secrets = secretsOf(profile.id);
      const fields: JsonObject = { access_key_secret: secrets.accessKeySecret, ...(secrets.securityToken ? { sts_token: secrets.securityToken } : {}) };
      putCliProfile(root, label, write.cliName, fields, true);
    } else {
      putCliProfile(root, label, write.cliName, { ...keyFields(profile, secretsOf(profile.id)), region_id: profile.regionId }, false);
    }
  }
  if (setCurrent) {
    root.current = plan.writes[0].cliName;
  }
  return { text: cliText(root, content), current: typeof root.current === 'string' ? root.current : '' };
}
