// Writes one profile into the aliyun CLI's ~/.aliyun/config.json the way the CLI itself would:
// tab-indented, other profiles and unknown fields kept, `current` changed only when asked.
import { t } from '../../util/l10n';
import type { Profile, ProfileSecrets } from '../profile';
import { formatCliConfig, parseCliConfig, type JsonObject } from '../importers/aliyunCli';
import { SourceFileError } from '../importers/types';

export interface CliExport {
  /** The profile's name in the CLI. */
  readonly name: string;
  readonly profile: Pick<Profile, 'kind' | 'accessKeyId' | 'regionId'>;
  readonly secrets: ProfileSecrets;
  /** Make it the CLI's `current` profile. */
  readonly setCurrent: boolean;
  /** A CLI profile of that name exists: overwrite its credentials (otherwise refuse). */
  readonly replace: boolean;
}

export interface CliExportResult {
  readonly text: string;
  readonly created: boolean;
  readonly replaced: boolean;
  readonly current: string;
}

/** Names of the CLI profiles in a config file, and its current one (for the prompts). */
export function describeCliConfig(content: string | undefined, label: string): { names: string[]; current: string } {
  if (content === undefined || !content.trim()) {
    return { names: [], current: '' };
  }
  const config = parseCliConfig(content, label);
  return {
    names: config.profiles.map((p) => (typeof p.name === 'string' ? p.name : '')).filter(Boolean),
    current: typeof config.root.current === 'string' ? config.root.current : '',
  };
}

/** The config to write into: the file's, or a new one like the CLI makes when there is none. */
export function cliRoot(content: string | undefined, label: string): JsonObject {
  return content === undefined || !content.trim() ? { current: '', profiles: [], meta_path: '' } : parseCliConfig(content, label).root;
}

/**
 * Puts `fields` into the CLI profile `name`: a new profile (with the CLI's defaults), or, with
 * `replace`, into the existing one, whose other fields stay in place but for `drop` (leftovers
 * that would confuse the CLI). Refuses to overwrite without `replace`. True when it was there.
 */
export function putCliProfile(root: JsonObject, label: string, name: string, fields: JsonObject, replace: boolean, drop: readonly string[] = []): boolean {
  const profiles = root.profiles as unknown[];
  const index = profiles.findIndex((p) => !!p && typeof p === 'object' && (p as JsonObject).name === name);
  if (index >= 0 && !replace) {
    throw new SourceFileError(label, t('it already has a profile "{0}". Choose another name, or confirm replacing it.', name));
  }
  if (index >= 0) {
    const next: JsonObject = { ...(profiles[index] as JsonObject), ...fields };
    drop.forEach((field) => delete next[field]);
    profiles[index] = next;
    return true;
  }
  profiles.push({ name, ...fields, output_format: 'json', language: 'en' });
  return false;
}

/** The text to write: tab-indented like the CLI, or as the file was indented. */
export function cliText(root: JsonObject, content: string | undefined): string {
  return formatCliConfig(root, content === undefined || !content.trim() ? undefined : content);
}

/** The fields of an AK or StsToken CLI profile. */
export function keyFields(profile: Pick<Profile, 'kind' | 'accessKeyId'>, secrets: ProfileSecrets): JsonObject {
  const sts = profile.kind === 'StsToken';
  return {
    mode: sts ? 'StsToken' : 'AK',
    access_key_id: profile.accessKeyId,
    access_key_secret: secrets.accessKeySecret,
    ...(sts ? { sts_token: secrets.securityToken ?? '' } : {}),
  };
}

/** The CLI profile of that name, if the config has one. */
export function cliProfileNamed(root: JsonObject, name: string): JsonObject | undefined {
  return (root.profiles as unknown[]).find((p): p is JsonObject => !!p && typeof p === 'object' && (p as JsonObject).name === name);
}

/** `content` undefined (or empty) means there is no config file yet. */
export function exportToCliConfig(content: string | undefined, label: string, request: CliExport): CliExportResult {
  const root = cliRoot(content, label);
  const fields = keyFields(request.profile, request.secrets);
  if (!('sts_token' in fields) && cliProfileNamed(root, request.name)?.sts_token !== undefined) {
    fields.sts_token = ''; // a leftover token would make the CLI send it with a permanent key
  }
  const replaced = putCliProfile(root, label, request.name, { ...fields, region_id: request.profile.regionId }, request.replace);
  if (request.setCurrent) {
    root.current = request.name;
  }
  return { text: cliText(root, content), created: !replaced, replaced, current: typeof root.current === 'string' ? root.current : '' };
}
