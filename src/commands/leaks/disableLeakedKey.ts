import * as vscode from 'vscode';
import { Commands } from '../../constants';
import { UserFacingError } from '../../util/errors';
import { t } from '../../util/l10n';
import type { LeakGuard } from '../../views/leaks/leakGuard';
import { isArgs } from '../args';
import type { CommandContext } from '../context';
import { findLeakedKeyOwner, idAtCursor } from './findKeyOwner';

export interface DisableLeakedKeyArgs {
  accessKeyId?: string;
  /** Passed on to Disable AccessKey; it counts in Test mode only, elsewhere the person is asked. */
  confirm?: boolean;
}

/**
 * Disable This AccessKey (a quick fix): finds who owns the key (the RAM view's data, or a search
 * through the profiles) and hands over to Disable AccessKey, which asks before it changes anything.
 */
export async function disableLeakedKey(ctx: CommandContext, guard: LeakGuard, arg?: unknown): Promise<unknown> {
  const args = (isArgs(arg) ? arg : {}) as DisableLeakedKeyArgs;
  const accessKeyId = typeof args.accessKeyId === 'string' && args.accessKeyId.trim() ? args.accessKeyId.trim() : idAtCursor(guard);
  if (!accessKeyId) {
    throw new UserFacingError(t('Put the cursor on an AccessKey ID or secret that detection found, or pass accessKeyId.'));
  }
  const known = guard.ownerOf(accessKeyId);
  let userName: string | undefined;
  let profileId: string | undefined;
  if (known?.source === 'ram') {
    // The RAM view's account, signed by the active profile.
    userName = known.userName;
  } else {
    const found = known?.source === 'search' ? { userName: known.userName, viaProfileId: known.viaProfileId } : await findLeakedKeyOwner(ctx, guard, { accessKeyId, quiet: true });
    if (!found) {
      throw new UserFacingError(t('None of your profiles could tell who owns {0}, so it cannot be disabled from here. Disable it in the RAM console of its account.', accessKeyId));
    }
    userName = found.userName;
    profileId = found.viaProfileId;
  }
  return vscode.commands.executeCommand(Commands.ramDisableAccessKey, { accessKeyId, userName, profileId, confirm: args.confirm });
}
