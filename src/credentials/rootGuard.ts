import type { CredentialTestResult } from './credentialCheck';

/**
 * The profile's key is the account's own (root) AccessKey, as its last test found (STS
 * GetCallerIdentity `Account`). A changed key or secret clears the test, and so the mark.
 */
export function isRootResult(result: CredentialTestResult | undefined): boolean {
  return result?.identity?.identityType === 'Account';
}

export type RootDecision = 'proceed' | 'ask';

/**
 * Whether a change to the cloud made with a profile needs the extra question about the root key:
 * once per profile and window session, after which the person has said they mean it.
 */
export class RootGuard {
  private readonly agreed = new Set<string>();

  decide(profileId: string, root: boolean): RootDecision {
    return root && !this.agreed.has(profileId) ? 'ask' : 'proceed';
  }

  agree(profileId: string): void {
    this.agreed.add(profileId);
  }

  /** Whether the question was answered for this profile in this session. */
  hasAgreed(profileId: string): boolean {
    return this.agreed.has(profileId);
  }
}
