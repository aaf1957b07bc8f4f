import type { Profile } from '../../credentials/profile';
import type { Finding } from '../../leaks/findings';
import { sentences, t } from '../../util/l10n';
import { maskAccessKeyId } from '../../util/mask';
import type { OwnerInfo } from './keyOwners';

function names(profiles: readonly Profile[]): string {
  return profiles.map((p) => `"${p.name}"`).join(', ');
}

/** "It belongs to RAM user alice and is active." from what is known; undefined when nothing is. */
export function ownerSentence(owner: OwnerInfo | undefined): string | undefined {
  if (!owner) {
    return undefined;
  }
  let whose: string;
  if (owner.userName) {
    whose = owner.status === 'Active'
      ? t('It belongs to RAM user {0} and is active.', owner.userName)
      : owner.status === 'Inactive'
        ? t('It belongs to RAM user {0} and is disabled.', owner.userName)
        : owner.accountId
          ? t('It belongs to RAM user {0} of account {1}.', owner.userName, owner.accountId)
          : t('It belongs to RAM user {0}.', owner.userName);
  } else if (owner.self) {
    whose = owner.status === 'Inactive'
      ? t('It is a disabled AccessKey of the identity the active profile signs in as.')
      : t('It is an active AccessKey of the identity the active profile signs in as.');
  } else {
    whose = t('It is the AccessKey of the account {0} itself (root).', owner.accountId ?? '');
  }
  return owner.viaProfileName ? sentences(whose, t('Profile "{0}" found it.', owner.viaProfileName)) : whose;
}

export interface FindingContext {
  /** Local profiles holding the key. */
  readonly holders: readonly Profile[];
  readonly owner?: OwnerInfo;
  /** Git has the file in its history (only asked for stored secrets). */
  readonly inGitHistory?: boolean;
}

/** The diagnostic's text: what was found, whose it is, what to do. */
export function findingMessage(finding: Finding, context: FindingContext): string {
  const id = maskAccessKeyId(finding.accessKeyId);
  const owner = ownerSentence(context.owner);
  switch (finding.kind) {
    case 'storedSecret': {
      const what = finding.secret === 'securityToken'
        ? t('The STS security token of profile {0} ({1}) is written here.', names(context.holders), id)
        : t('The AccessKey secret of profile {0} ({1}) is written here.', names(context.holders), id);
      return sentences(
        what,
        owner,
        t('Anyone who can read this file can use the key: move it to an environment variable, then disable or rotate the key.'),
        context.inGitHistory ? t('Git has this file in its history, so the secret may already be committed.') : undefined,
      );
    }
    case 'knownId':
      return sentences(t('AccessKey ID {0} of profile {1}.', id, names(context.holders)), owner);
    case 'unknownId':
      return sentences(t('AccessKey ID {0}: no profile on this computer holds it.', id), owner);
  }
}
