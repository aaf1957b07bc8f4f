import type { CloudSsoDefinition } from '../profile';

/** The same directory, account and access configuration: one profile is enough for both. */
export function sameCloudSsoTarget(a: CloudSsoDefinition, b: CloudSsoDefinition): boolean {
  return a.signInUrl === b.signInUrl && a.accountId === b.accountId && a.accessConfigurationId === b.accessConfigurationId;
}
