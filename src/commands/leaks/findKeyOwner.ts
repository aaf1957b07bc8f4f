import * as vscode from 'vscode';
import type { CloudSession } from '../../aliyun/clientFactory';
import { userNameOf } from '../../aliyun/identity';
import type { FoundOwner } from '../../credentials/credentialCheck';
import { findKeyOwner, orderOwnerCandidates, type OwnerSearchCandidate } from '../../credentials/ownerSearch';
import type { Profile } from '../../credentials/profile';
import { UserCancelled } from '../../util/errors';
import { sentences, t } from '../../util/l10n';
import { maskAccessKeyId } from '../../util/mask';
import type { LeakGuard } from '../../views/leaks/leakGuard';
import { isArgs } from '../args';
import type { CommandContext } from '../context';

export interface FindOwnerArgs {
  accessKeyId?: string;
  /** No notification with the answer (a caller that goes on with it). */
  quiet?: boolean;
}

/** The AccessKey ID under the cursor, if detection found one there. */
export function idAtCursor(guard: LeakGuard): string | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor ? guard.findingsAt(editor.document.uri, editor.selection)[0]?.accessKeyId : undefined;
}

async function askForId(guard: LeakGuard): Promise<string> {
  const id = await vscode.window.showInputBox({
    title: t('Find Who Owns an AccessKey'),
    prompt: t('The AccessKey ID (LTAI…) to look for through your profiles'),
    value: idAtCursor(guard),
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : t('Enter an AccessKey ID.')),
  });
  if (!id?.trim()) {
    throw new UserCancelled();
  }
  return id.trim();
}

/** The session, but every RAM or STS call after a cancel fails at once instead of going out. */
function stoppable(session: CloudSession, token: vscode.CancellationToken): CloudSession {
  const guard = <T extends object>(service: T): T => new Proxy(service, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') {
        return value;
      }
      return (...args: unknown[]) => {
        if (token.isCancellationRequested) {
          return Promise.reject(new vscode.CancellationError());
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  const ram = guard(session.ram);
  const sts = guard(session.sts);
  return new Proxy(session, { get: (target, property, receiver) => (property === 'ram' ? ram : property === 'sts' ? sts : Reflect.get(target, property, receiver)) });
}

/** A profile that holds the key and still works says who it is: one call, no permission needed. */
async function askHolders(ctx: CommandContext, holders: readonly Profile[], accessKeyId: string, token: vscode.CancellationToken): Promise<FoundOwner | undefined> {
  for (const holder of holders) {
    if (token.isCancellationRequested) {
      return undefined;
    }
    try {
      const { session } = await ctx.sessions.forProfile(holder);
      const identity = await stoppable(session, token).sts.getCallerIdentity();
      if (identity.identityType !== 'AssumedRoleUser') {
        // Named, but not as the profile to sign with: a key's own profile seldom may change RAM.
        return { userName: userNameOf(identity), accountId: identity.accountId, viaProfileName: holder.name };
      }
    } catch {
      // Disabled, deleted or secret missing: the other profiles may still find it.
    }
  }
  ctx.log.debug(`[leaks] no local profile holding ${maskAccessKeyId(accessKeyId)} could say who it is`);
  return undefined;
}

/** The search Test Credentials makes for a disabled key's owner, through the other profiles. */
async function searchOthers(ctx: CommandContext, holders: readonly Profile[], accessKeyId: string, token: vscode.CancellationToken): Promise<FoundOwner | undefined> {
  const tested: Profile = holders[0] ?? { id: '', name: '', kind: 'AccessKey', accessKeyId, regionId: '', source: '', createdAt: '' };
  const others = (await ctx.store.list()).map((profile) => ({ profile, last: ctx.results.get(profile.id) }));
  const candidates: OwnerSearchCandidate[] = orderOwnerCandidates(tested, others, ctx.results.get(tested.id)).map((profile) => ({
    profileId: profile.id,
    profileName: profile.name,
    session: async () => (token.isCancellationRequested ? undefined : stoppable((await ctx.sessions.forProfile(profile)).session, token)),
  }));
  return findKeyOwner(accessKeyId, candidates, { log: ctx.log });
}

/**
 * Find Who Owns This AccessKey: asks the profiles that hold it who they are, then searches RAM
 * through the other profiles (many calls, so only when asked), with progress and cancel. The
 * answer is kept in memory for the hover and the diagnostics.
 */
export async function findLeakedKeyOwner(ctx: CommandContext, guard: LeakGuard, arg?: unknown): Promise<FoundOwner | undefined> {
  const args = (isArgs(arg) ? arg : {}) as FindOwnerArgs;
  const accessKeyId = typeof args.accessKeyId === 'string' && args.accessKeyId.trim() ? args.accessKeyId.trim() : await askForId(guard);
  const holders = guard.holders(accessKeyId);
  const owner = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Looking for the owner of {0}', maskAccessKeyId(accessKeyId)), cancellable: true },
    async (progress, token) => {
      progress.report({ message: t('Asking the profiles that hold it…') });
      const found = await askHolders(ctx, holders, accessKeyId, token);
      if (found) {
        return found;
      }
      progress.report({ message: t('Looking for the owner of the key through your other profiles…') });
      const searched = await searchOthers(ctx, holders, accessKeyId, token);
      if (token.isCancellationRequested) {
        throw new vscode.CancellationError();
      }
      return searched;
    },
  );
  if (owner) {
    guard.owners.remember(accessKeyId, owner);
  }
  if (!args.quiet) {
    const id = maskAccessKeyId(accessKeyId);
    void (owner
      ? vscode.window.showInformationMessage(sentences(
        owner.userName ? t('{0} belongs to RAM user {1} of account {2}.', id, owner.userName, owner.accountId ?? '?') : t('{0} is the AccessKey of the account {1} itself (root).', id, owner.accountId ?? '?'),
        owner.viaProfileName ? t('Profile "{0}" found it.', owner.viaProfileName) : undefined,
      ))
      : vscode.window.showWarningMessage(t('None of your profiles could tell who owns {0}: it may belong to another account, or your profiles may not read RAM.', id)));
  }
  return owner;
}
