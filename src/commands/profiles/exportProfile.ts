import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeCliConfig, exportToCliConfig } from '../../credentials/exporters/aliyunCliExport';
import { describeCloudSsoExport, exportCloudSsoToCli } from '../../credentials/exporters/cloudSsoExport';
import { describeRoleExport, planRoleExport, writeRoleExport } from '../../credentials/exporters/roleExport';
import { defaultAliyunCliConfigPath, SourceFileError } from '../../credentials/importers';
import { hasObtainedCredentials, isCloudSsoProfile, isRoleProfile, type CloudSsoDefinition, type Profile, type ProfileSecrets } from '../../credentials/profile';
import { resolveChain } from '../../credentials/roles/roleChain';
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
  /** A role profile: the sources it needs in the CLI, written (`add`, `fillSecret`) or found there (`reused`). */
  readonly sources?: Array<{ profileName: string; cliProfileName: string; action: 'add' | 'fillSecret' | 'reused' }>;
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
 * `current` unchanged unless asked. Always explicit: it puts the secret in a plaintext file. A role
 * profile becomes a ChainableRamRoleArn profile, with the sources the CLI does not have yet; a
 * CloudSSO profile a CloudSSO one without the token (the CLI signs in itself).
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
  // A role profile's chain is checked before any question: a broken one cannot be exported.
  const chain = isRoleProfile(profile) ? [profile, ...await resolveChain(profile, (id) => ctx.store.get(id))] : [profile];
  const secrets = hasObtainedCredentials(profile) ? undefined : await secretsOf(ctx, profile);
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
  if (isCloudSsoProfile(profile)) {
    return exportCloudSso(ctx, { file, label, existing, name, replace, setCurrent, profile, preapproved: a.confirm === true, programmatic });
  }
  if (!secrets) {
    return exportRole(ctx, { file, label, existing, name, replace, setCurrent, chain, preapproved: a.confirm === true, programmatic });
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

async function secretsOf(ctx: CommandContext, profile: Profile): Promise<ProfileSecrets> {
  const secrets = await ctx.store.getSecrets(profile.id);
  if (!secrets) {
    throw new UserFacingError(t('The secret of profile "{0}" is missing from this machine\'s secret storage, so it cannot be exported.', profile.name));
  }
  return secrets;
}

interface RoleExportRequest {
  readonly file: string;
  readonly label: string;
  readonly existing: SourceText | undefined;
  readonly name: string;
  readonly replace: boolean;
  readonly setCurrent: boolean;
  /** The role profile, its source, … down to the key. */
  readonly chain: Profile[];
  readonly preapproved: boolean;
  readonly programmatic: boolean;
}

/** A role profile goes to the CLI as ChainableRamRoleArn, with the sources the CLI does not have yet. */
async function exportRole(ctx: CommandContext, r: RoleExportRequest): Promise<ExportResult> {
  const plan = planRoleExport(r.existing?.text, r.label, r.name, r.replace, r.chain);
  const secrets = new Map<string, ProfileSecrets>();
  for (const w of plan.writes.filter((x) => !isRoleProfile(x.profile))) {
    secrets.set(w.profile.id, await secretsOf(ctx, w.profile));
  }
  const said = describeRoleExport(plan, r.label);
  await ctx.consent.ask({ message: said.message, detail: said.detail, action: t('Write'), preapproved: r.preapproved });

  const result = writeRoleExport(r.existing?.text, r.label, plan, (id) => secrets.get(id) as ProfileSecrets, r.setCurrent);
  if (r.existing) {
    await rewriteSourceFile(r.existing, result.text, SECRET_FILE_MODE);
  } else {
    await writeFileAtomic(r.file, result.text, SECRET_FILE_MODE);
  }
  const role = r.chain[0];
  const sources: NonNullable<ExportResult['sources']> = plan.writes.slice(1).map((w) => ({ profileName: w.profile.name, cliProfileName: w.cliName, action: w.action === 'fillSecret' ? 'fillSecret' : 'add' }));
  if (plan.reused) {
    sources.push({ profileName: plan.reused.profile.name, cliProfileName: plan.reused.cliName, action: 'reused' });
  }
  ctx.log.info(`[profiles] exported role profile "${role.name}" to ${r.label} as "${r.name}" with ${sources.map((s) => `"${s.cliProfileName}" (${s.action})`).join(', ')}${r.setCurrent ? ' (current)' : ''}`);
  if (!r.programmatic) {
    void vscode.window.showInformationMessage(t('Exported "{0}" to {1} as CLI profile "{2}".', role.name, r.label, r.name));
  }
  const replaced = plan.writes[0].action === 'replace';
  return { file: r.label, cliProfileName: r.name, created: !replaced, replaced, current: result.current, sources };
}

interface CloudSsoExportRequest extends Omit<RoleExportRequest, 'chain'> {
  readonly profile: Profile & { readonly sso: CloudSsoDefinition };
}

/** A CloudSSO profile goes to the CLI as mode CloudSSO: where it signs in, never the token or credentials. */
async function exportCloudSso(ctx: CommandContext, r: CloudSsoExportRequest): Promise<ExportResult> {
  const request = { name: r.name, profile: r.profile, setCurrent: r.setCurrent, replace: r.replace };
  const said = describeCloudSsoExport(request, r.label);
  await ctx.consent.ask({ message: said.message, detail: said.detail, action: t('Write'), preapproved: r.preapproved });
  const result = exportCloudSsoToCli(r.existing?.text, r.label, request);
  if (r.existing) {
    await rewriteSourceFile(r.existing, result.text, SECRET_FILE_MODE);
  } else {
    await writeFileAtomic(r.file, result.text, SECRET_FILE_MODE);
  }
  ctx.log.info(`[profiles] exported CloudSSO profile "${r.profile.name}" to ${r.label} as "${r.name}" (no token)${r.setCurrent ? ' (current)' : ''}`);
  if (!r.programmatic) {
    void vscode.window.showInformationMessage(t('Exported "{0}" to {1} as CLI profile "{2}".', r.profile.name, r.label, r.name));
  }
  return { file: r.label, cliProfileName: r.name, created: result.created, replaced: result.replaced, current: result.current };
}
