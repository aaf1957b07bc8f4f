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

/** `content` undefined (or empty) means there is no config file yet. */
export function exportToCliConfig(content: string | undefined, label: string, request: CliExport): CliExportResult {
  const fresh = content === undefined || !content.trim();
  const root: JsonObject = fresh ? { current: '', profiles: [], meta_path: '' } : parseCliConfig(content, label).root;
  const profiles = root.profiles as unknown[];
  const index = profiles.findIndex((p) => !!p && typeof p === 'object' && (p as JsonObject).name === request.name);
  if (index >= 0 && !request.replace) {
    throw new SourceFileError(label, t('it already has a profile "{0}". Choose another name, or confirm replacing it.', request.name));
  }
  const sts = request.profile.kind === 'StsToken';
  const credentials: JsonObject = {
    mode: sts ? 'StsToken' : 'AK',
    access_key_id: request.profile.accessKeyId,
    access_key_secret: request.secrets.accessKeySecret,
    ...(sts ? { sts_token: request.secrets.securityToken ?? '' } : {}),
  };
  if (index >= 0) {
    // Keep every other field of the old profile, in place; a leftover token would confuse the CLI.
    const old = profiles[index] as JsonObject;
    const next: JsonObject = { ...old, ...credentials, region_id: request.profile.regionId };
    if (!sts && 'sts_token' in next) {
      next.sts_token = '';
    }
    profiles[index] = next;
  } else {
    profiles.push({ name: request.name, ...credentials, region_id: request.profile.regionId, output_format: 'json', language: 'en' });
  }
  if (request.setCurrent) {
    root.current = request.name;
  }
  return {
    text: formatCliConfig(root, fresh ? undefined : content),
    created: index < 0,
    replaced: index >= 0,
    current: typeof root.current === 'string' ? root.current : '',
  };
}
