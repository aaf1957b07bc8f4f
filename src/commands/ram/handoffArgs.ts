import * as path from 'node:path';
import { checkProfileName, checkRegionId } from '../../credentials/profile';
import { sentences, t } from '../../util/l10n';
import { pathTaken } from '../../util/privateFile';
import { UserFacingError } from '../../util/errors';
import type { CommandContext } from '../context';

// What code may ask of a new key's secret. No vscode import, so its checks run in plain Node.

export type SecretChoice = 'saveAsProfile' | 'copy' | 'csv';
export const SECRET_CHOICES: readonly SecretChoice[] = ['saveAsProfile', 'copy', 'csv'];

/** What the caller asked for (from code); validated before the key is made, so the secret has a home. */
export interface HandoffArgs {
  /** 'copy' is refused: the secret reaches the clipboard only from the dialog's button. */
  choice?: SecretChoice | SecretChoice[];
  csvPath?: string;
  profileName?: string;
  regionId?: string;
  label?: string;
}

/** Checks args from code before anything is created; returns the choices. */
export async function checkHandoffArgs(ctx: Pick<CommandContext, 'store'>, args: HandoffArgs): Promise<SecretChoice[]> {
  const raw = args.choice ?? 'saveAsProfile';
  const choices = Array.isArray(raw) ? raw : [raw];
  if (choices.length === 0 || choices.some((c) => !SECRET_CHOICES.includes(c))) {
    throw new UserFacingError(t('choice must be one or more of: {0}.', SECRET_CHOICES.join(', ')));
  }
  if (choices.includes('copy')) {
    throw copyRefused();
  }
  if (choices.includes('csv') && !(typeof args.csvPath === 'string' && path.isAbsolute(args.csvPath))) {
    throw new UserFacingError(t('Saving the CSV needs csvPath, an absolute file path.'));
  }
  if (choices.includes('csv') && await pathTaken(args.csvPath as string)) {
    throw csvExists(args.csvPath as string);
  }
  if (choices.includes('saveAsProfile') && args.regionId?.trim()) {
    // Checked now: refused after the create, the new secret would have nowhere to go.
    const region = checkRegionId(args.regionId);
    if (!region.ok) {
      throw new UserFacingError(region.message);
    }
  }
  if (choices.includes('saveAsProfile') && args.profileName !== undefined) {
    const checked = checkProfileName(args.profileName, (await ctx.store.list()).map((p) => p.name));
    if (!checked.ok) {
      throw new UserFacingError(checked.message);
    }
  }
  return choices;
}

// Any program could ask for it, and the person would not see the secret leave.
export const copyRefused = () => new UserFacingError(t('The secret can be copied to the clipboard only with the Copy Secret button of the dialog that shows it, not from arguments. Use choice "saveAsProfile" or "csv".'));

export const csvExists = (file: string) => new UserFacingError(t('{0} already exists. From arguments, the CSV is never written over an existing file: pass a path where there is none.', file));

/** What the arguments say will happen to the new secret, for the question before the key is made. */
export function handoffPlan(args: HandoffArgs, choices: readonly SecretChoice[]): string {
  // 'copy' never gets here: checkHandoffArgs refuses it from arguments.
  return sentences(...choices.map((choice) => choice === 'csv'
    ? t('Its secret will be written in plain text to {0}.', String(args.csvPath))
    : args.profileName ? t('Its secret will be kept in VS Code\'s secret storage as profile "{0}".', args.profileName) : t('Its secret will be kept in VS Code\'s secret storage as a new profile.')));
}
