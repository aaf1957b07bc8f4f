import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeCliConfig, exportToCliConfig } from '../../credentials/exporters/aliyunCliExport';
import { defaultAliyunCliConfigPath, SourceFileError } from '../../credentials/importers';
import { displayPath, readSourceFile, rewriteSourceFile, writeFileAtomic, type SourceText } from '../../credentials/sourceFile';
import { t } from '../../util/l10n';
import { maskAccessKeyId } from '../../util/mask';
import { UserCancelled, UserFacingError } from '../../util/errors';
import { isArgs } from '../args';
import type { CommandContext } from '../context';
import { askText, confirmModal } from '../prompts';
import { resolveProfile, type ProfileTarget } from './profileTarget';

export interface ExportProfileArgs extends ProfileTarget {
  /** Default `~/.aliyun/config.json`. */
  path?: string;
  /** The profile's name in the CLI (default: the profile's name). */
  cliProfileName?: string;
  /** Make it the CLI's current profile (default false: `current` is left alone). */
  setCurrent?: boolean;
  /** Overwrite the credentials of a CLI profile with that name. */
  replace?: boolean;
  /** Fills in every choice but the last question; `true` skips that question in Test mode only. */
  confirm?: boolean;
}

export interface ExportResult {
  readonly file: string;
  readonly cliProfileName: string;
  readonly created: boolean;
  readonly replaced: boolean;
  readonly current: string;
}

/** Files that hold a secret: readable by the owner only, as the CLI makes them. */
const SECRET_FILE_MODE = 0o600;

function checkCliName(value: string): { ok: true; value: string } | { ok: false; message: string } {
  const v = value.trim();
  if (!v) {
    return { ok: false, message: t('Give the CLI profile a name.') };
  }
  if (/\s/.test(v) || v.length > 64) {
    return { ok: false, message: t('A CLI profile name has no spaces and at most 64 characters.') };
  }
  return { ok: true, value: v };
}

async function readExisting(file: string): Promise<SourceText | undefined> {
  try {
    return await readSourceFile(file);
  } catch (error) {
    if (error instanceof SourceFileError && !(await exists(file))) {
      return undefined; // no config yet: we create it
    }
    throw error;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Export to the aliyun CLI: writes the profile's key and secret into ~/.aliyun/config.json, keeping
 * the other profiles and every field we do not know, tab-indented like the CLI, mode 0600, and
 * `current` unchanged unless asked. Always explicit: it puts the secret in a plaintext file.
 */
export function exportProfile(ctx: CommandContext, args?: ExportProfileArgs): Promise<ExportResult> {
  return runExport(ctx, args).catch((error: unknown) => {
    throw error instanceof SourceFileError ? error.withOutcome(t('Nothing was written.')) : error;
  });
}

async function runExport(ctx: CommandContext, args?: ExportProfileArgs): Promise<ExportResult> {
  const a: ExportProfileArgs = isArgs(args) ? args : {};
  const programmatic = a.confirm !== undefined;
  const profile = await resolveProfile(ctx, args, t('Export to the aliyun CLI'));
  const secrets = await ctx.store.getSecrets(profile.id);
  if (!secrets) {
    throw new UserFacingError(t('The secret of profile "{0}" is missing from this machine\'s secret storage, so it cannot be exported.', profile.name));
  }
  const file = path.resolve(a.path ?? defaultAliyunCliConfigPath());
  const label = displayPath(file);
  const existing = await readExisting(file);
  const { names, current } = describeCliConfig(existing?.text, label);
  const title = t('Export "{0}" to the aliyun CLI', profile.name);

  let name: string;
  if (a.cliProfileName !== undefined || programmatic) {
    const checked = checkCliName(a.cliProfileName ?? profile.name);
    if (!checked.ok) {
      throw new UserFacingError(checked.message);
    }
    name = checked.value;
  } else {
    name = await askText({ title, prompt: t('Profile name in {0}', label), value: profile.name.replace(/\s+/g, '-'), check: (v) => checkCliName(v) });
  }
  let replace = a.replace === true;
  if (names.includes(name) && !replace) {
    if (programmatic) {
      throw new UserFacingError(t('{0} already has a profile "{1}". Pass replace: true to overwrite its credentials, or choose another name.', label, name));
    }
    await confirmModal(t('{0} already has a profile "{1}". Replace its credentials?', label, name), t('Its other settings stay as they are.'), t('Replace'));
    replace = true;
  }
  let setCurrent = a.setCurrent === true;
  if (a.setCurrent === undefined && !programmatic) {
    const keep = { label: current ? t('Keep "{0}" as the CLI\'s current profile', current) : t('Do not set a current profile'), value: false };
    const make = { label: t('Make "{0}" the CLI\'s current profile', name), value: true };
    const pick = await vscode.window.showQuickPick(current ? [keep, make] : [make, keep], { title, placeHolder: t('The aliyun CLI uses its current profile when no --profile is given') });
    if (!pick) {
      throw new UserCancelled();
    }
    setCurrent = pick.value;
  }
  if (a.confirm === false) {
    throw new UserCancelled();
  }
  await ctx.consent.ask({
    message: t('Write the secret of "{0}" in plain text to {1}?', profile.name, label),
    detail: t('The aliyun CLI reads it from there. The file is made readable only by you (mode 0600), but any program running as you can read it. VS Code keeps its own copy in secret storage either way.'),
    action: t('Write'),
    preapproved: a.confirm === true,
  });

  const result = exportToCliConfig(existing?.text, label, { name, profile, secrets, setCurrent, replace });
  if (existing) {
    await rewriteSourceFile(existing, result.text, SECRET_FILE_MODE);
  } else {
    await writeFileAtomic(file, result.text, SECRET_FILE_MODE);
  }
  ctx.log.info(`[profiles] exported "${profile.name}" (${maskAccessKeyId(profile.accessKeyId)}) to ${label} as "${name}"${setCurrent ? ' (current)' : ''}`);
  if (!programmatic) {
    void vscode.window.showInformationMessage(t('Exported "{0}" to {1} as CLI profile "{2}".', profile.name, label, name));
  }
  return { file: label, cliProfileName: name, created: result.created, replaced: result.replaced, current: result.current };
}
