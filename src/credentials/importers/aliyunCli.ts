// The aliyun CLI's ~/.aliyun/config.json: `{ current, profiles: [{ name, mode, access_key_id, … }], meta_path }`.
import * as os from 'node:os';
import * as path from 'node:path';
import { t } from '../../util/l10n';
import { checkCredentials, type CheckedCredentials, type ProfileKind } from '../profile';
import { isCliCloudSso, readCloudSsoEntry, removeCloudSsoSecrets, type CliReadOptions } from './cloudSsoEntries';
import { checkRoleFields, resolveChainedEntries, type EntryOutcome, type RoleFieldNames } from './roleEntries';
import { entryNameAndRegion, jsonProblem, SourceFileError, type ParsedSource } from './types';

export function defaultAliyunCliConfigPath(home: string = os.homedir()): string {
  return path.join(home, '.aliyun', 'config.json');
}

export type JsonObject = Record<string, unknown>;

export interface CliConfig {
  readonly root: JsonObject;
  readonly profiles: JsonObject[];
}

const isObject = (v: unknown): v is JsonObject => !!v && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Parses the file; throws SourceFileError when it is not JSON or not a CLI configuration. */
export function parseCliConfig(content: string, label: string): CliConfig {
  if (!content.trim()) {
    throw new SourceFileError(label, t('it is empty.'));
  }
  let root: unknown;
  try {
    root = JSON.parse(content);
  } catch {
    throw new SourceFileError(label, jsonProblem(content));
  }
  if (!isObject(root) || !Array.isArray(root.profiles)) {
    throw new SourceFileError(label, t('it has no "profiles" list, so it is not an aliyun CLI configuration.'));
  }
  return { root, profiles: root.profiles.filter(isObject) };
}

/** Why each CLI mode that holds no stored key cannot become a profile here. */
function notImportableReason(mode: string, p: JsonObject): string {
  switch (mode) {
    case 'EcsRamRole':
      return t('its credentials come from the ECS instance\'s metadata service (role {0}); there is no key to import.', text(p.ram_role_name) || '?');
    case 'External':
      return t('its credentials come from running a command; there is no key to import.');
    case 'CredentialsURI':
      return t('its credentials come from a URL each time; there is no key to import.');
    case 'OIDC':
      return t('it exchanges an OIDC token for temporary credentials each time; there is no key to import.');
    case 'OAuth':
      return t('it signs in through OAuth in the browser; there is no key to import.');
    case 'BearerToken':
      return t('it holds a bearer token, which RAM, STS and SLB do not accept.');
    case 'RsaKeyPair':
      return t('it signs with an RSA key pair, which this extension does not support.');
    default:
      return t('its mode "{0}" is unknown to this extension.', mode);
  }
}

const ROLE_FIELDS: RoleFieldNames = { arn: 'ram_role_arn', sessionName: 'ram_session_name', duration: 'expired_seconds', externalId: 'external_id' };

/** The key an AK, StsToken or RamRoleArn entry holds, checked as if typed in. */
function checkKey(p: JsonObject, mode: string): CheckedCredentials {
  if (!text(p.access_key_id).trim() || !text(p.access_key_secret).trim()) {
    return { ok: false, message: t('it has no AccessKey ID or no secret in the file.') };
  }
  const expirationSeconds = typeof p.sts_expiration === 'number' && p.sts_expiration > 0 ? p.sts_expiration : undefined;
  // A RamRoleArn entry may assume its role with an STS token (the CLI passes sts_token along).
  const token = mode === 'StsToken' || (mode === 'RamRoleArn' && text(p.sts_token)) ? text(p.sts_token) : undefined;
  const checked = checkCredentials({
    accessKeyId: text(p.access_key_id),
    accessKeySecret: text(p.access_key_secret),
    securityToken: token,
    expiration: expirationSeconds && mode === 'StsToken' ? new Date(expirationSeconds * 1000).toISOString() : undefined,
  });
  if (checked.ok && mode === 'StsToken' && checked.kind !== 'StsToken') {
    return { ok: false, message: t('it is an StsToken profile, but its AccessKey ID does not start with "STS.".') };
  }
  return checked;
}

/** One entry on its own: a key, a role (a chained one still needs its source), or why it cannot be imported. */
function readEntry(p: JsonObject, name: string, raw: string, declared: string, options: CliReadOptions): EntryOutcome {
  if (isCliCloudSso(p, declared)) {
    return readCloudSsoEntry(p, name, raw, options);
  }
  // Old CLIs left the mode empty; the CLI then tells the mode from the fields, as here.
  const mode = declared || (text(p.access_key_id) ? (text(p.ram_role_arn) ? 'RamRoleArn' : 'AK') : '');
  // Chains name their source exactly as the file spells it.
  const key = raw || name;
  const refuse = (reason: string, shownMode = mode): EntryOutcome => ({ name: key, notImportable: { name, mode: shownMode || '?', reason } });
  if (mode !== 'AK' && mode !== 'StsToken' && mode !== 'RamRoleArn' && mode !== 'ChainableRamRoleArn') {
    return refuse(notImportableReason(declared || '(none)', p), declared);
  }
  const chained = mode === 'ChainableRamRoleArn';
  if (chained && !text(p.source_profile).trim()) {
    return refuse(t('it has no source_profile: the profile whose credentials assume the role.'));
  }
  const credentials = chained ? undefined : checkKey(p, mode);
  if (credentials && !credentials.ok) {
    return refuse(credentials.message);
  }
  const role = mode === 'RamRoleArn' || chained ? checkRoleFields((f) => p[f], ROLE_FIELDS, name, chained ? text(p.source_profile).trim() : undefined) : undefined;
  if (role && !role.ok) {
    return refuse(role.message);
  }
  const entry = entryNameAndRegion(name, text(p.region_id));
  return {
    name: key,
    found: {
      name: entry.name,
      kind: role ? 'RamRole' : (credentials as { kind: ProfileKind }).kind,
      accessKeyId: credentials?.ok ? credentials.accessKeyId : '',
      secrets: credentials?.ok ? credentials.secrets : { accessKeySecret: '' },
      role: role?.role,
      regionId: entry.regionId,
      expiration: credentials?.ok && !role ? credentials.expiration : undefined,
      source: `aliyun-cli:${name}`,
      ref: raw,
    },
  };
}

/** The AK, StsToken, role and CloudSSO profiles, checked as if typed in; every other profile with the reason it cannot be imported. */
export function readAliyunCliProfiles(content: string, label: string, options: CliReadOptions = {}): ParsedSource {
  const config = parseCliConfig(content, label);
  const entries: EntryOutcome[] = [];
  const seen = new Set<string>();
  (config.root.profiles as unknown[]).forEach((entry, index) => {
    const at = `#${index + 1}`;
    if (!isObject(entry)) {
      // Its value is not shown: it could be a secret pasted in the wrong place.
      const type = entry === null ? 'null' : Array.isArray(entry) ? 'array' : typeof entry;
      entries.push({ name: at, notImportable: { name: at, mode: '?', reason: t('entry {0} of "profiles" is a JSON {1}, not a profile object.', index + 1, type) } });
      return;
    }
    const name = text(entry.name).trim() || at;
    const declared = text(entry.mode);
    if (text(entry.name) && seen.has(text(entry.name))) {
      entries.push({ name, notImportable: { name, mode: declared || '?', reason: t('an earlier profile in the file has the same name "{0}"; the aliyun CLI only ever uses the first one.', name) } });
      return;
    }
    seen.add(text(entry.name));
    entries.push(readEntry(entry, name, text(entry.name), declared, options));
  });
  return resolveChainedEntries(entries);
}

/** The indentation the file uses (the CLI writes tabs), to write it back the same way. */
export function detectIndent(content: string): string {
  const m = /\n([ \t]+)\S/.exec(content);
  return m ? m[1] : '\t';
}

export function formatCliConfig(root: JsonObject, original?: string): string {
  const indent = original ? detectIndent(original) : '\t';
  const body = JSON.stringify(root, null, indent);
  return original?.endsWith('\n') ? body + '\n' : body;
}

/**
 * Removes the secret (and STS token) of the named profiles and keeps everything else: other
 * profiles, their fields, unknown fields, the order of keys. A CloudSSO profile loses its access
 * token and cached STS credentials, with their ends, so the CLI signs in again.
 */
export function removeCliSecrets(content: string, label: string, names: readonly string[]): { text: string; removed: number } {
  const config = parseCliConfig(content, label);
  let removed = 0;
  // Only the first profile of a name: that is the one imported (a later namesake is reported, not imported).
  const done = new Set<string>();
  for (const p of config.profiles) {
    const name = text(p.name);
    if (!names.includes(name) || done.has(name)) {
      continue;
    }
    done.add(name);
    if (isCliCloudSso(p, text(p.mode))) {
      removed += removeCloudSsoSecrets(p) ? 1 : 0;
    } else if ('access_key_secret' in p || 'sts_token' in p) {
      delete p.access_key_secret;
      delete p.sts_token;
      removed++;
    }
  }
  return { text: formatCliConfig(config.root, content), removed };
}
