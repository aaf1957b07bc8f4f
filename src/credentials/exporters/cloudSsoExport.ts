// A CloudSSO profile in the aliyun CLI: mode CloudSSO with the directory's sign-in URL, the account
// and the access configuration. No token and no credentials: the CLI signs in itself.
import { t } from '../../util/l10n';
import type { CloudSsoDefinition, Profile } from '../profile';
import { CLI_CLOUDSSO_SECRET_FIELDS } from '../importers/cloudSsoEntries';
import type { JsonObject } from '../importers/aliyunCli';
import { cliProfileNamed, cliRoot, cliText, putCliProfile, type CliExportResult } from './aliyunCliExport';

export interface CloudSsoCliExport {
  readonly name: string;
  readonly profile: Pick<Profile, 'name' | 'regionId'> & { readonly sso: CloudSsoDefinition };
  readonly setCurrent: boolean;
  readonly replace: boolean;
}

/** Fields another kind of CLI profile leaves behind that would confuse a CloudSSO one, or keep a key in plain text. */
const OTHER_MODES = ['ram_role_arn', 'ram_session_name', 'source_profile', 'external_id', 'expired_seconds'] as const;

/** The fields of the CLI profile. */
export function cloudSsoFields(profile: CloudSsoCliExport['profile']): JsonObject {
  return {
    mode: 'CloudSSO',
    cloud_sso_sign_in_url: profile.sso.signInUrl,
    cloud_sso_account_id: profile.sso.accountId,
    cloud_sso_access_config: profile.sso.accessConfigurationId,
    region_id: profile.regionId,
  };
}

/** A CLI profile of the same directory, account and access configuration keeps the CLI's own sign-in; any other loses what it held. */
function keepsCliSignIn(entry: JsonObject | undefined, sso: CloudSsoDefinition): boolean {
  return !!entry && entry.mode === 'CloudSSO' && entry.cloud_sso_sign_in_url === sso.signInUrl
    && entry.cloud_sso_account_id === sso.accountId && entry.cloud_sso_access_config === sso.accessConfigurationId;
}

/** `content` undefined (or empty) means there is no config file yet. */
export function exportCloudSsoToCli(content: string | undefined, label: string, request: CloudSsoCliExport): CliExportResult {
  const root = cliRoot(content, label);
  const before = cliProfileNamed(root, request.name);
  const drop = [...OTHER_MODES, ...(keepsCliSignIn(before, request.profile.sso) ? [] : [...CLI_CLOUDSSO_SECRET_FIELDS, 'access_key_id'])];
  const replaced = putCliProfile(root, label, request.name, cloudSsoFields(request.profile), request.replace, drop);
  if (request.setCurrent) {
    root.current = request.name;
  }
  return { text: cliText(root, content), created: !replaced, replaced, current: typeof root.current === 'string' ? root.current : '' };
}

/** What the consent says: what is written, and that no token or credentials are. */
export function describeCloudSsoExport(request: CloudSsoCliExport, label: string): { message: string; detail: string } {
  const { sso } = request.profile;
  return {
    message: t('Write CloudSSO profile "{0}" to {1}?', request.profile.name, label),
    detail: [
      t('CLI profile "{0}" gets mode CloudSSO, the sign-in URL {1}, account {2} and access configuration {3}.', request.name, sso.signInUrl, sso.accountId, sso.accessConfigurationId),
      t('No access token and no credentials are written: the aliyun CLI signs in itself (aliyun configure --profile {0}). Your sign-in here stays in VS Code\'s secret storage.', request.name),
    ].join('\n'),
  };
}
