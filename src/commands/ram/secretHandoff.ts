import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { NewAccessKey } from '../../aliyun/types';
import { checkProfileName, suffixedName, uniqueProfileName, type Profile } from '../../credentials/profile';
import { t } from '../../util/l10n';
import { maskAccessKeyId } from '../../util/mask';
import { createPrivateFile, replacePrivateFile } from '../../util/privateFile';
import { CLEAR_AFTER_MS, SecretClipboard } from '../../util/secretClipboard';
import { UserCancelled, UserFacingError } from '../../util/errors';
import type { CommandContext } from '../context';
import { askText } from '../prompts';
import { accessKeyCsv, csvFileName } from './accessKeyCsv';
import { copyRefused, csvExists, type HandoffArgs, type SecretChoice } from './handoffArgs';

export { checkHandoffArgs, handoffPlan, SECRET_CHOICES, type HandoffArgs, type SecretChoice } from './handoffArgs';

export interface HandoffResult {
  profileId?: string;
  profileName?: string;
  csvPath?: string;
  copied: boolean;
}

export interface NewKeyInfo {
  readonly key: NewAccessKey;
  readonly userName?: string;
  readonly accountId: string;
  /** The region for a new profile (the active profile's). */
  readonly regionId: string;
}

async function defaultProfileName(ctx: CommandContext, info: NewKeyInfo): Promise<string> {
  const taken = (await ctx.store.list()).map((p) => p.name);
  const base = `${info.userName ?? 'root'}-${info.key.accessKeyId.slice(-4)}`;
  return uniqueProfileName(taken, (n) => (n === 1 ? suffixedName(base, '') : suffixedName(base, `-${n}`)));
}

async function saveAsProfile(ctx: CommandContext, info: NewKeyInfo, name: string, args: HandoffArgs): Promise<Profile> {
  const profile = await ctx.store.add(
    {
      name,
      kind: 'AccessKey',
      accessKeyId: info.key.accessKeyId,
      regionId: args.regionId?.trim() || info.regionId,
      label: args.label?.trim() || undefined,
      source: 'created',
      keyCreatedAt: info.key.createDate || undefined,
    },
    { accessKeySecret: info.key.accessKeySecret },
  );
  ctx.log.info(`[ram] saved the new key ${maskAccessKeyId(info.key.accessKeyId)} as profile "${profile.name}"`);
  return profile;
}

/**
 * Saves the CSV readable by its owner only (0600). A path from arguments must be new; a file picked
 * in the save dialog, whose replacement the dialog confirmed, is replaced in one step.
 */
async function saveCsv(ctx: CommandContext, info: NewKeyInfo, target: vscode.Uri | string): Promise<string> {
  if (typeof target !== 'string' && target.scheme !== 'file') {
    // vscode.workspace.fs cannot be told to make a file private to its owner.
    throw new UserFacingError(t('The CSV can be saved only to a local file, which can be made readable by you alone; {0} is not one. Pick a local file.', target.toString()));
  }
  const content = accessKeyCsv({ accessKeyId: info.key.accessKeyId, accessKeySecret: info.key.accessKeySecret, userName: info.userName, accountId: info.accountId });
  const file = typeof target === 'string' ? target : target.fsPath;
  try {
    await (typeof target === 'string' ? createPrivateFile(file, content) : replacePrivateFile(file, content));
  } catch (error) {
    throw (error as NodeJS.ErrnoException).code === 'EEXIST' ? csvExists(file) : error;
  }
  ctx.log.info(`[ram] saved the CSV of ${maskAccessKeyId(info.key.accessKeyId)} (mode 0600)`);
  return file;
}

/** From code: does what the args say, nothing else. */
export async function handOverFromArgs(ctx: CommandContext, info: NewKeyInfo, args: HandoffArgs, choices: readonly SecretChoice[]): Promise<HandoffResult> {
  const result: HandoffResult = { copied: false };
  for (const choice of choices) {
    switch (choice) {
      case 'saveAsProfile': {
        const profile = await saveAsProfile(ctx, info, args.profileName?.trim() || await defaultProfileName(ctx, info), args);
        result.profileId = profile.id;
        result.profileName = profile.name;
        break;
      }
      case 'copy':
        throw copyRefused();
      case 'csv':
        result.csvPath = await saveCsv(ctx, info, args.csvPath as string);
        break;
    }
  }
  return result;
}

/**
 * The one moment the secret exists outside Alibaba Cloud: offer to save it as a profile (the
 * default button), copy it, or save the console's CSV, as often as wanted, and make sure closing
 * the dialog without saving it anywhere is a deliberate choice.
 */
export async function handOverInteractively(ctx: CommandContext, info: NewKeyInfo): Promise<HandoffResult> {
  const result: HandoffResult = { copied: false };
  const save = t('Save as Profile');
  const copy = t('Copy Secret');
  const csv = t('Save CSV…');
  const done = t('Done');
  const who = info.userName ? t('RAM user {0}', info.userName) : t('the account (root)');
  // Not disposed with the dialog: it takes the secret off the clipboard a minute after the copy.
  const clipboard = new SecretClipboard(vscode.env.clipboard, { uiKind: vscode.env.uiKind === vscode.UIKind.Desktop ? 'desktop' : 'web', log: ctx.log });
  for (;;) {
    const saved: string[] = [];
    if (result.profileName) {
      saved.push(t('Saved as profile "{0}".', result.profileName));
    }
    if (result.copied) {
      saved.push(clipboard.clearsItself
        ? t('Copied to the clipboard. It is taken off the clipboard {0} seconds after the copy, unless you copy something else first.', CLEAR_AFTER_MS / 1000)
        : t('Copied to the clipboard. It stays there until you copy something else.'));
    }
    if (result.csvPath) {
      saved.push(t('Saved to {0}.', result.csvPath));
    }
    const buttons = [
      ...(result.profileId ? [] : [save]),
      ...(result.copied ? [] : [copy]),
      ...(result.csvPath ? [] : [csv]),
      ...(saved.length ? [done] : []),
    ];
    const choice = await vscode.window.showWarningMessage(
      t('AccessKey {0} was created for {1}. Its secret is available only now.', info.key.accessKeyId, who),
      {
        modal: true,
        // Shown in the dialog only, as the console shows it: never logged, never in a notification.
        detail: [
          t('AccessKey secret: {0}', info.key.accessKeySecret),
          t('Alibaba Cloud never shows an AccessKey secret again: if it is lost, create a new key and delete this one. Keep it confidential; do not put it in code or share it.'),
          ...saved,
        ].join('\n\n'),
      },
      ...buttons,
    );
    try {
      if (choice === save) {
        const taken = (await ctx.store.list()).map((p) => p.name);
        const name = await askText({
          title: t('Save the new AccessKey as a profile'),
          prompt: t('A name for the profile'),
          value: await defaultProfileName(ctx, info),
          check: (v) => checkProfileName(v, taken),
        });
        const profile = await saveAsProfile(ctx, info, name, {});
        result.profileId = profile.id;
        result.profileName = profile.name;
      } else if (choice === copy) {
        await clipboard.copy(info.key.accessKeySecret);
        result.copied = true;
      } else if (choice === csv) {
        const uri = await vscode.window.showSaveDialog({
          title: t('Save the AccessKey as CSV'),
          defaultUri: vscode.Uri.file(path.join(os.homedir(), csvFileName(info.key.accessKeyId, info.userName))),
          filters: { CSV: ['csv'] },
        });
        if (uri) {
          result.csvPath = await saveCsv(ctx, info, uri);
        }
      } else if (choice === done) {
        return result;
      } else if (saved.length > 0) {
        return result; // closed after saving it somewhere
      } else {
        const discard = t('Discard the Secret');
        const sure = await vscode.window.showWarningMessage(
          t('The secret of {0} is not saved anywhere. Close anyway?', info.key.accessKeyId),
          { modal: true, detail: t('It cannot be shown again: the key would be of no use, and should then be deleted.') },
          discard,
        );
        if (sure === discard) {
          ctx.log.warn(`[ram] the secret of the new key ${maskAccessKeyId(info.key.accessKeyId)} was discarded by the user`);
          return result;
        }
      }
    } catch (error) {
      if (!(error instanceof UserCancelled)) {
        // Keep the dialog (and the secret) alive: say what failed and offer the choices again.
        void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
      }
    }
  }
}
