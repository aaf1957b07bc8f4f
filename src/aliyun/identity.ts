import { t } from '../util/l10n';
import type { CallerIdentity } from './types';

/** The RAM user name in an ARN like `acs:ram::<account>:user/<name>`; undefined for the root and role sessions. */
export function userNameOf(identity: CallerIdentity): string | undefined {
  return identity.identityType === 'RAMUser' ? identity.arn.split(':user/')[1] || undefined : undefined;
}

/**
 * Who an identity is, in the person's words. `long` names the account too (a test's summary);
 * `short` leaves it out, for places that show the account beside it (the RAM view).
 */
export function describeIdentity(identity: CallerIdentity, form: 'long' | 'short' = 'long'): string {
  const long = form === 'long';
  switch (identity.identityType) {
    case 'Account':
      return long ? t('the account {0} itself (root AccessKey)', identity.accountId) : t('root (the account\'s own AccessKey)');
    case 'RAMUser': {
      const name = userNameOf(identity) ?? identity.userId ?? identity.principalId;
      return long ? t('RAM user {0} of account {1}', name, identity.accountId) : t('RAM user {0}', name);
    }
    case 'AssumedRoleUser': {
      const role = identity.arn.split(':assumed-role/')[1] ?? identity.roleId ?? identity.principalId;
      return long ? t('role session {0} of account {1}', role, identity.accountId) : t('role session {0}', role);
    }
    default:
      return identity.arn;
  }
}

/** Whose AccessKeys: a named RAM user, or the caller itself (ListAccessKeys without UserName). */
export type KeyOwner = { readonly kind: 'user'; readonly userName: string } | { readonly kind: 'self' };

export const SELF: KeyOwner = { kind: 'self' };

export function userOwner(userName: string): KeyOwner {
  return { kind: 'user', userName };
}

/** The owner named by an API's UserName: none means the caller's own keys. */
export function ownerOf(userName: string | undefined): KeyOwner {
  return userName ? userOwner(userName) : SELF;
}

/** The API's UserName for an owner: none for the caller's own keys. */
export function apiUserName(owner: KeyOwner): string | undefined {
  return owner.kind === 'user' ? owner.userName : undefined;
}

/** A string that tells owners apart, for caches keyed by owner. */
export function ownerKey(owner: KeyOwner): string {
  return owner.kind === 'self' ? 'self' : `user:${owner.userName}`;
}
