import type { SsoAccessConfiguration, SsoAccount } from '../../aliyun/cloudSsoPortal';
import { uniqueProfileName, type CloudSsoDefinition, type Profile } from '../../credentials/profile';

// What CloudSSO profiles are called and when two are the same: plain functions, tested in Node.

export interface SsoChoice {
  readonly account: SsoAccount;
  readonly accessConfiguration: SsoAccessConfiguration;
}

/** What a CloudSSO profile is made of, from a choice. */
export function definitionOf(signInUrl: string, choice: SsoChoice): CloudSsoDefinition {
  return {
    signInUrl,
    accountId: choice.account.accountId,
    accountName: choice.account.displayName || undefined,
    accessConfigurationId: choice.accessConfiguration.id,
    accessConfigurationName: choice.accessConfiguration.name || undefined,
  };
}

/** `<account name>/<access configuration name>`: what the person recognises from the portal. */
export function suggestedName(sso: CloudSsoDefinition): string {
  return `${sso.accountName || sso.accountId}/${sso.accessConfigurationName || sso.accessConfigurationId}`;
}

/** A name we gave (the suggestion, made unique), which may follow the profile to another account. */
export function isSuggestedName(name: string, sso: CloudSsoDefinition): boolean {
  const base = suggestedName(sso);
  return name === base || (name.startsWith(`${base} (`) && /^ \(\d+\)$/.test(name.slice(base.length)));
}

/** The suggestion, or with " (2)", " (3)" … when taken (names are unique, case aside). */
export function uniqueName(base: string, profiles: readonly Profile[], except?: string): string {
  return uniqueProfileName(profiles.filter((p) => p.id !== except).map((p) => p.name), (n) => (n === 1 ? base : `${base} (${n})`));
}
