// The aliyun CLI's ~/.aliyun/config.json: `{ current, profiles: [{ name, mode, access_key_id, … }], meta_path }`.
import * as os from 'node:os';
import * as path from 'node:path';
import { t } from '../../util/l10n';
import { checkCredentials, checkProfileName, checkRegionId } from '../profile';
import { jsonProblem, SourceFileError, type FoundProfile, type NotImportable, type ParsedSource } from './types';

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
    case 'RamRoleArn':
      return t('it assumes the RAM role {0} each time it is used; this extension stores a key or an STS token, not a role to assume.', text(p.ram_role_arn) || '?');
    case 'ChainableRamRoleArn':
      return t('it assumes a RAM role with the credentials of profile "{0}"; import that profile instead.', text(p.source_profile) || '?');
    case 'EcsRamRole':
      return t('its credentials come from the ECS instance\'s metadata service (role {0}); there is no key to import.', text(p.ram_role_name) || '?');
    case 'External':
      return t('its credentials come from running a command; there is no key to import.');
    case 'CredentialsURI':
      return t('its credentials come from a URL each time; there is no key to import.');
    case 'OIDC':
      return t('it exchanges an OIDC token for temporary credentials each time; there is no key to import.');
    case 'CloudSSO':
      return t('it signs in through CloudSSO in the browser; there is no key to import.');
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

/** The AK and StsToken profiles, checked as if typed in; every other profile with the reason it cannot be imported. */
export function readAliyunCliProfiles(content: string, label: string): ParsedSource {
  const config = parseCliConfig(content, label);
  const found: FoundProfile[] = [];
  const notImportable: NotImportable[] = [];
  const seen = new Set<string>();
  (config.root.profiles as unknown[]).forEach((entry, index) => {
    if (!isObject(entry)) {
      // Its value is not shown: it could be a secret pasted in the wrong place.
      const type = entry === null ? 'null' : Array.isArray(entry) ? 'array' : typeof entry;
      notImportable.push({ name: `#${index + 1}`, mode: '?', reason: t('entry {0} of "profiles" is a JSON {1}, not a profile object.', index + 1, type) });
      return;
    }
    const p = entry;
    const name = text(p.name).trim() || `#${index + 1}`;
    const declared = text(p.mode);
    if (text(p.name) && seen.has(text(p.name))) {
      notImportable.push({ name, mode: declared || '?', reason: t('an earlier profile in the file has the same name "{0}"; the aliyun CLI only ever uses the first one.', name) });
      return;
    }
    seen.add(text(p.name));
    // Old CLIs left the mode empty for plain AccessKey profiles.
    const mode = declared || (text(p.access_key_id) ? 'AK' : '');
    if (mode !== 'AK' && mode !== 'StsToken') {
      notImportable.push({ name, mode: declared || '?', reason: notImportableReason(declared || '(none)', p) });
      return;
    }
    if (!text(p.access_key_id).trim() || !text(p.access_key_secret).trim()) {
      notImportable.push({ name, mode, reason: t('it has no AccessKey ID or no secret in the file.') });
      return;
    }
    const expirationSeconds = typeof p.sts_expiration === 'number' && p.sts_expiration > 0 ? p.sts_expiration : undefined;
    const checked = checkCredentials({
      accessKeyId: text(p.access_key_id),
      accessKeySecret: text(p.access_key_secret),
      securityToken: mode === 'StsToken' ? text(p.sts_token) : undefined,
      expiration: expirationSeconds ? new Date(expirationSeconds * 1000).toISOString() : undefined,
    });
    if (!checked.ok) {
      notImportable.push({ name, mode, reason: checked.message });
      return;
    }
    if (mode === 'StsToken' && checked.kind !== 'StsToken') {
      notImportable.push({ name, mode, reason: t('it is an StsToken profile, but its AccessKey ID does not start with "STS.".') });
      return;
    }
    const region = checkRegionId(text(p.region_id));
    const named = checkProfileName(name);
    found.push({
      name: named.ok ? named.value : name.slice(0, 64).replace(/[\r\n\t]/g, ' '),
      kind: checked.kind,
      accessKeyId: checked.accessKeyId,
      secrets: checked.secrets,
      regionId: region.ok ? region.value : undefined,
      expiration: checked.expiration,
      source: `aliyun-cli:${name}`,
      ref: text(p.name),
    });
  });
  return { found, notImportable };
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
 * profiles, their fields, unknown fields, the order of keys.
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
    if ('access_key_secret' in p || 'sts_token' in p) {
      delete p.access_key_secret;
      delete p.sts_token;
      removed++;
    }
  }
  return { text: formatCliConfig(config.root, content), removed };
}
