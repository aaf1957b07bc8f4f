import * as vscode from 'vscode';
import { describeIdentity } from '../../aliyun/identity';
import type { CredentialTestResult } from '../../credentials/credentialCheck';
import { isCloudSsoProfile, type Profile } from '../../credentials/profile';
import { t } from '../../util/l10n';
import { maskAccessKeyId } from '../../util/mask';
import { describeSpan } from '../../util/span';
import { errorMessage } from '../../util/errors';
import type { RoleState } from '../../credentials/roles/roleCredentials';
import { isRootResult } from '../../credentials/rootGuard';
import { appendCloudSso, type SsoTooltip } from './cloudSsoTooltip';

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/** What a profile signs with, for one line: the masked AccessKey ID, or the role a role profile assumes. */
export function profileKeyText(profile: Profile): string {
  if (isCloudSsoProfile(profile)) {
    return t('CloudSSO {0}', profile.sso.accessConfigurationName ?? profile.sso.accessConfigurationId);
  }
  return profile.role ? t('role {0}', profile.role.roleArn.split('/').pop() ?? '') : maskAccessKeyId(profile.accessKeyId);
}

/** Where a profile came from, in words. */
export function describeSource(source: string): string {
  const [kind, ...rest] = source.split(':');
  const detail = rest.join(':');
  switch (kind) {
    case 'manual':
      return t('added by hand');
    case 'aliyun-cli':
      return t('imported from the aliyun CLI profile "{0}"', detail);
    case 'credentials-file':
      return t('imported from the credentials file section [{0}]', detail);
    case 'csv':
      return t('imported from {0}', detail || 'CSV');
    case 'copy':
      return t('a copy of "{0}"', detail);
    case 'created':
      return t('created by this extension');
    case 'cloudsso':
      return t('signed in with CloudSSO');
    default:
      return source;
  }
}

/** Expiry of an STS token: "expires in 5 hours", "expired 2 days ago". */
export function describeExpiry(expiration: string, now = Date.now()): { text: string; expired: boolean } {
  const at = Date.parse(expiration);
  if (Number.isNaN(at)) {
    return { text: expiration, expired: false };
  }
  return at <= now
    ? { text: t('expired {0} ago ({1})', describeSpan(now - at), new Date(at).toLocaleString()), expired: true }
    : { text: t('expires in {0} ({1})', describeSpan(at - now), new Date(at).toLocaleString()), expired: false };
}

/** The tooltip shared by the status bar and the Profiles view: nothing secret, the key masked. */
/** What a role profile's tooltip adds: its source profile and the temporary credentials in hand. */
export interface RoleTooltip {
  readonly sourceName?: string;
  readonly state?: RoleState;
}

function appendRole(tip: vscode.MarkdownString, profile: Profile, role: RoleTooltip | undefined): void {
  const definition = profile.role;
  if (!definition) {
    return;
  }
  tip.appendMarkdown(`${t('Role')}: ${escapeMarkdown(definition.roleArn.split('/').pop() ?? '')} (\`${escapeMarkdown(definition.roleArn)}\`)  \n`);
  tip.appendMarkdown(`${t('Assumed with profile')}: ${escapeMarkdown(role?.sourceName ?? t('(missing)'))}  \n`);
  const expiresAt = role?.state?.expiresAt;
  tip.appendMarkdown(`${t('Temporary credentials')}: ${escapeMarkdown(expiresAt ? describeExpiry(new Date(expiresAt).toISOString()).text : t('obtained on first use'))}  \n`);
  if (role?.state?.assumedArn) {
    tip.appendMarkdown(`${t('Assumed identity')}: \`${escapeMarkdown(role.state.assumedArn)}\`  \n`);
  }
  if (role?.state?.lastError) {
    tip.appendMarkdown(`$(warning) ${escapeMarkdown(t('The last renewal failed: {0}', errorMessage(role.state.lastError)))}  \n`);
  }
}

export function profileTooltip(profile: Profile, tested: CredentialTestResult | undefined, extra: { active?: boolean; inTerminal?: boolean; footer?: string; role?: RoleTooltip; sso?: SsoTooltip } = {}): vscode.MarkdownString {
  const tip = new vscode.MarkdownString(undefined, true);
  tip.isTrusted = false;
  tip.appendMarkdown(`**${escapeMarkdown(profile.name)}**${profile.label ? ` · ${escapeMarkdown(profile.label)}` : ''}${extra.active ? ` · ${escapeMarkdown(t('active'))}` : ''}\n\n`);
  if (profile.role) {
    appendRole(tip, profile, extra.role);
  } else if (isCloudSsoProfile(profile)) {
    appendCloudSso(tip, profile, profile.sso, extra.sso, escapeMarkdown);
  } else {
    tip.appendMarkdown(`${t('AccessKey ID')}: \`${maskAccessKeyId(profile.accessKeyId)}\`${profile.kind === 'StsToken' ? ` (${escapeMarkdown(t('STS token'))})` : ''}  \n`);
  }
  tip.appendMarkdown(`${t('Region')}: ${profile.regionId}  \n`);
  if (profile.kind === 'StsToken') {
    const expiry = profile.expiration ? describeExpiry(profile.expiration) : undefined;
    tip.appendMarkdown(`${expiry?.expired ? '$(warning) ' : ''}${t('STS token')}: ${escapeMarkdown(expiry?.text ?? t('expiry unknown'))}  \n`);
  }
  if (profile.keyCreatedAt) {
    const age = Date.now() - Date.parse(profile.keyCreatedAt);
    if (!Number.isNaN(age)) {
      tip.appendMarkdown(`${t('Key age')}: ${escapeMarkdown(describeSpan(age))} (${escapeMarkdown(t('created {0}', new Date(profile.keyCreatedAt).toLocaleDateString()))})  \n`);
    }
  }
  if (tested?.identity) {
    tip.appendMarkdown(`${t('Identity')}: ${escapeMarkdown(describeIdentity(tested.identity))}  \n`);
    if (isRootResult(tested)) {
      tip.appendMarkdown(`$(warning) ${escapeMarkdown(t('This is the account\'s root AccessKey: it can do everything. Use a RAM user with only the permissions the work needs.'))}  \n`);
    }
  }
  tip.appendMarkdown(`${t('Source')}: ${escapeMarkdown(describeSource(profile.source))}  \n`);
  if (extra.inTerminal) {
    tip.appendMarkdown(`$(terminal) ${escapeMarkdown(t('New terminals get these credentials'))}  \n`);
  }
  if (tested) {
    tip.appendMarkdown(`\n${tested.ok ? '$(pass)' : '$(error)'} ${escapeMarkdown(tested.ok ? t('Last test passed') : t('Last test failed'))} (${new Date(tested.testedAt).toLocaleString()})`);
    if (!tested.ok) {
      tip.appendMarkdown(`\n\n${escapeMarkdown(tested.summary)}`);
    }
  }
  if (extra.footer) {
    tip.appendMarkdown(`\n\n${escapeMarkdown(extra.footer)}`);
  }
  return tip;
}
