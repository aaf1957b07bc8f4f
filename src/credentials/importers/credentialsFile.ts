// The Alibaba Cloud SDKs' shared credentials file, ~/.alibabacloud/credentials (INI):
//   [default]
//   type = access_key
//   access_key_id = …
//   access_key_secret = …
// and sections with `type = ram_role_arn`: that key, plus role_arn, role_session_name and policy.
import * as os from 'node:os';
import * as path from 'node:path';
import { t } from '../../util/l10n';
import { checkCredentials, checkProfileName, checkRegionId } from '../profile';
import { checkRoleFields, type RoleFieldNames } from './roleEntries';
import { SourceFileError, type FoundProfile, type NotImportable, type ParsedSource } from './types';

export const CREDENTIALS_FILE_ENV = 'ALIBABA_CLOUD_CREDENTIALS_FILE';

/** `ALIBABA_CLOUD_CREDENTIALS_FILE` when set (as the SDKs do), else `~/.alibabacloud/credentials`. */
export function defaultCredentialsFilePath(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string {
  const override = env[CREDENTIALS_FILE_ENV]?.trim();
  if (override) {
    return override.startsWith('~/') ? path.join(home, override.slice(2)) : override;
  }
  return path.join(home, '.alibabacloud', 'credentials');
}

interface Section {
  readonly name: string;
  readonly line: number;
  readonly values: Map<string, string>;
  /** The line where the same section starts again, if it does: its values then mix both. */
  repeatedAt?: number;
}

function unquote(value: string): string {
  const v = value.trim();
  return v.length >= 2 && (v[0] === '"' || v[0] === '\'') && v[v.length - 1] === v[0] ? v.slice(1, -1) : v;
}

/** Sections and their `key = value` lines; a damaged line is an error that names its line number. */
export function parseIni(content: string, label: string): Section[] {
  const sections: Section[] = [];
  const byName = new Map<string, Section>();
  let current: Section | undefined;
  content.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    const number = i + 1;
    if (!line || line.startsWith('#') || line.startsWith(';')) {
      return;
    }
    if (line.startsWith('[')) {
      const m = /^\[([^\]]*)\]\s*([#;].*)?$/.exec(line);
      if (!m) {
        throw new SourceFileError(label, /^\[[^\]]*\]/.test(line)
          ? t('line {0}: something follows the section header "[…]" on the same line; only a comment (# or ;) may.', number)
          : t('line {0}: a section header "[…" is not closed with "]"; the file looks cut short or damaged.', number));
      }
      const name = m[1].trim();
      if (!name) {
        throw new SourceFileError(label, t('line {0}: a section has no name.', number));
      }
      current = byName.get(name);
      if (current) {
        current.repeatedAt ??= number;
      } else {
        current = { name, line: number, values: new Map() };
        byName.set(name, current);
        sections.push(current);
      }
      return;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) {
      throw new SourceFileError(label, t('line {0} is not "key = value"; the file looks cut short or damaged.', number));
    }
    // Settings before the first section belong to none and are ignored, as the SDKs do.
    current?.values.set(line.slice(0, eq).trim().toLowerCase(), unquote(line.slice(eq + 1)));
  });
  return sections;
}

function notImportableReason(type: string, values: Map<string, string>): string {
  switch (type) {
    case 'ecs_ram_role':
      return t('its credentials come from the ECS instance\'s metadata service (role {0}); there is no key to import.', values.get('role_name') || '?');
    case 'rsa_key_pair':
      return t('it signs with an RSA key pair, which this extension does not support.');
    case 'bearer':
      return t('it holds a bearer token, which RAM, STS and SLB do not accept.');
    case 'oidc_role_arn':
      return t('it exchanges an OIDC token for temporary credentials each time; there is no key to import.');
    case 'credentials_uri':
      return t('its credentials come from a URL each time; there is no key to import.');
    default:
      return t('its type "{0}" is unknown to this extension.', type);
  }
}

const ROLE_FIELDS: RoleFieldNames = { arn: 'role_arn', sessionName: 'role_session_name', policy: 'policy' };

export function readCredentialsFile(content: string, label: string): ParsedSource {
  const found: FoundProfile[] = [];
  const notImportable: NotImportable[] = [];
  for (const section of parseIni(content, label)) {
    const v = section.values;
    const type = (v.get('type') ?? '').toLowerCase();
    if (section.repeatedAt !== undefined) {
      // Which of its two keys and secrets is meant is a guess; the SDKs do not agree either.
      notImportable.push({ name: section.name, mode: type || '?', reason: t('the section appears twice (lines {0} and {1}); keep one of them and import again.', section.line, section.repeatedAt) });
      continue;
    }
    if (v.get('enable')?.toLowerCase() === 'false') {
      notImportable.push({ name: section.name, mode: type || '?', reason: t('it is switched off in the file (enable = false).') });
      continue;
    }
    if (type !== 'access_key' && type !== 'sts' && type !== 'ram_role_arn') {
      notImportable.push({ name: section.name, mode: type || '?', reason: type ? notImportableReason(type, v) : t('it has no "type = access_key" line.') });
      continue;
    }
    if (!v.get('access_key_id') || !v.get('access_key_secret')) {
      notImportable.push({ name: section.name, mode: type, reason: t('it has no access_key_id or no access_key_secret (the file may be cut short).') });
      continue;
    }
    const checked = checkCredentials({
      accessKeyId: v.get('access_key_id'),
      accessKeySecret: v.get('access_key_secret'),
      securityToken: v.get('security_token') || v.get('sts_token'),
    });
    if (!checked.ok) {
      notImportable.push({ name: section.name, mode: type, reason: checked.message });
      continue;
    }
    const role = type === 'ram_role_arn' ? checkRoleFields((f) => v.get(f), ROLE_FIELDS, section.name) : undefined;
    if (role && !role.ok) {
      notImportable.push({ name: section.name, mode: type, reason: role.message });
      continue;
    }
    const region = checkRegionId(v.get('region_id'));
    const named = checkProfileName(section.name);
    found.push({
      name: named.ok ? named.value : section.name.slice(0, 64),
      kind: role ? 'RamRole' : checked.kind,
      accessKeyId: checked.accessKeyId,
      secrets: checked.secrets,
      role: role?.role,
      regionId: region.ok ? region.value : undefined,
      source: `credentials-file:${section.name}`,
      ref: section.name,
    });
  }
  return { found, notImportable };
}

const SECRET_KEYS = new Set(['access_key_secret', 'security_token', 'sts_token']);

/**
 * Drops the secret lines (`access_key_secret`, `security_token`) of the named sections; every
 * other line stays byte for byte, line endings included.
 */
export function removeIniSecrets(content: string, label: string, sections: readonly string[]): { text: string; removed: number } {
  parseIni(content, label); // refuse to edit a file we cannot read
  const lines = content.split(/(?<=\n)/);
  let current: string | undefined;
  let removed = 0;
  const kept = lines.filter((raw) => {
    const line = raw.trim();
    const header = /^\[([^\]]*)\]/.exec(line);
    if (header) {
      current = header[1].trim();
      return true;
    }
    const eq = line.indexOf('=');
    if (current !== undefined && sections.includes(current) && eq > 0 && !line.startsWith('#') && !line.startsWith(';')
      && SECRET_KEYS.has(line.slice(0, eq).trim().toLowerCase())) {
      removed++;
      return false;
    }
    return true;
  });
  return { text: kept.join(''), removed };
}
