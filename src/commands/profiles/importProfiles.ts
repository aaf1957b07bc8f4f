import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { applyImport } from '../../credentials/importers/applyImport';
import { importSignIns, type FoundCloudSso, type ImportedSignIn } from '../../credentials/importers/cloudSsoEntries';
import {
  defaultAliyunCliConfigPath, defaultCredentialsFilePath, guessFormat, parseSource, removeSecrets, SourceFileError,
  type FoundProfile, type ImportFormat, type NotImportable,
} from '../../credentials/importers';
import { planImport, type ConflictRule } from '../../credentials/importers/importPlan';
import { standInFor } from '../../credentials/importers/rolePlan';
import { readSourceFile, rewriteSourceFile, type SourceText } from '../../credentials/sourceFile';
import { readCloudSsoSettings } from '../../config';
import { t } from '../../util/l10n';
import { maskAccessKeyId } from '../../util/mask';
import { UserCancelled, UserFacingError } from '../../util/errors';
import { isArgs } from '../args';
import type { CommandContext } from '../context';
import { storeRoleProfile } from './addRoleProfile';
import { chooseConflictRule, chooseProfiles, chooseSource, FORMAT_NAMES, pickFile } from './importPicker';

export interface ImportProfilesArgs {
  /** Which kind of file; with `path` alone it is guessed from the file. */
  source?: ImportFormat;
  /** Default: `~/.aliyun/config.json`, `$ALIBABA_CLOUD_CREDENTIALS_FILE` or `~/.alibabacloud/credentials`; a CSV has none. */
  path?: string;
  /** The names (as found) to import, or 'all'. Giving it means "no prompts". */
  select?: string[] | 'all';
  /** What to do with a name that exists (default `skip`). */
  conflict?: ConflictRule;
  /** After importing, remove the imported profiles' secrets from the file (everything else stays); asks first. */
  removeSecretsFromSource?: boolean;
  /** `true` skips the question before the file is rewritten, in Test mode only. */
  confirm?: boolean;
  /** Only report what the file holds; store nothing. */
  dryRun?: boolean;
}

/** What an import found and did; nothing secret in it (AccessKey IDs masked). */
export interface ImportReport {
  readonly file: string;
  readonly format: ImportFormat;
  /** Role entries: `role` is the role's ARN, `sourceProfile` the entry of the file it is assumed with (none: its own key). */
  readonly found: Array<{
    name: string; kind: string; accessKeyId: string; regionId?: string; existing?: string; role?: string; sourceProfile?: string;
    /** CloudSSO entries: where they sign in, and whether the file's token still works (the token itself never). */
    signInUrl?: string; accountId?: string; accessConfigurationId?: string; token?: FoundCloudSso['tokenState'];
  }>;
  readonly notImportable: NotImportable[];
  readonly imported: Array<{ name: string; profileId: string; action: 'add' | 'replace'; from: string }>;
  readonly skipped: Array<{ name: string; reason: string }>;
  /** Entries whose secret was removed from the file. */
  readonly secretsRemoved: number;
  /** The CloudSSO sign-ins the file carried: moved into secret storage, or a newer one held already kept. */
  readonly signIns: ImportedSignIn[];
}

function defaultPath(format: ImportFormat): string | undefined {
  switch (format) {
    case 'aliyun-cli':
      return defaultAliyunCliConfigPath();
    case 'credentials-file':
      return defaultCredentialsFilePath();
    case 'csv':
      return undefined;
  }
}

async function removeFromSource(ctx: CommandContext, format: ImportFormat, source: SourceText, refs: string[], names: string, preapproved: boolean, cloudSso: boolean): Promise<number> {
  await ctx.consent.ask({
    message: t('Remove the plaintext secrets of {0} from {1}?', names, source.label),
    detail: cloudSso
      ? t('Only the secrets of these profiles go: secrets and STS tokens, and for CloudSSO profiles the access token and the cached temporary credentials (the aliyun CLI then signs in again). Everything else in the file stays as it is.')
      : t('Only the secret (and STS token) lines of these profiles go; everything else in the file stays as it is. Tools that read this file will no longer find these secrets.'),
    action: t('Remove'),
    preapproved,
  });
  const { text, removed } = removeSecrets(format, source.text, source.label, refs);
  if (removed > 0) {
    await rewriteSourceFile(source, text);
    ctx.log.info(`[profiles] removed ${removed} secret(s) from ${source.label}`);
  }
  return removed;
}

/**
 * Import: reads the file, shows what it found (and what cannot be imported, and why) before
 * storing anything, applies the chosen conflict rule, and offers to remove the imported secrets
 * from the file. A bad file changes nothing: the message names it and the problem.
 */
export function importProfiles(ctx: CommandContext, args?: ImportProfilesArgs): Promise<ImportReport> {
  return runImport(ctx, args).catch((error: unknown) => {
    throw error instanceof SourceFileError ? error.withOutcome(t('Nothing was imported.')) : error;
  });
}

async function runImport(ctx: CommandContext, args?: ImportProfilesArgs): Promise<ImportReport> {
  const a: ImportProfilesArgs = isArgs(args) ? args : {};
  const programmatic = a.select !== undefined || a.dryRun === true;
  let format = a.source;
  let file = a.path;
  if (!file) {
    if (format) {
      file = defaultPath(format);
      if (!file || (!programmatic && !existsSync(file))) {
        file = await pickFile(t('Import {0}', FORMAT_NAMES[format]()), format === 'csv' ? { CSV: ['csv'] } : undefined);
      }
    } else if (programmatic) {
      throw new UserFacingError(t('Say which file to import from: "source" or "path".'));
    } else {
      ({ format, path: file } = await chooseSource());
    }
  }
  const source = await readSourceFile(path.resolve(file));
  format ??= guessFormat(file, source.text);
  const parsed = parseSource(format, source.text, source.label, file, { allowInsecure: () => readCloudSsoSettings().allowInsecure === true });
  const existing = await ctx.store.list();
  const report = {
    file: source.label,
    format,
    found: parsed.found.map((f) => ({
      name: f.name, kind: f.kind, accessKeyId: f.accessKeyId ? maskAccessKeyId(f.accessKeyId) : '', regionId: f.regionId,
      existing: existing.find((p) => p.name.toLowerCase() === f.name.toLowerCase())?.name,
      role: f.role?.roleArn, sourceProfile: f.role?.sourceName,
      ...(f.sso ? { signInUrl: f.sso.signInUrl, accountId: f.sso.accountId, accessConfigurationId: f.sso.accessConfigurationId, token: f.sso.tokenState } : {}),
    })),
    notImportable: parsed.notImportable,
    imported: [] as ImportReport['imported'],
    skipped: [] as ImportReport['skipped'],
    secretsRemoved: 0,
    signIns: [] as ImportedSignIn[],
  };
  ctx.log.info(`[profiles] ${source.label}: ${parsed.found.length} importable, ${parsed.notImportable.length} not importable`);
  if (a.dryRun) {
    return report;
  }
  if (parsed.found.length === 0 && !programmatic && parsed.notImportable.length === 0) {
    throw new UserFacingError(t('{0} holds no profile to import.', source.label));
  }

  let chosen: FoundProfile[];
  if (programmatic) {
    const wanted = a.select === 'all' ? undefined : new Set(a.select);
    chosen = parsed.found.filter((f) => !wanted || wanted.has(f.name));
    const missing = wanted ? [...wanted].filter((n) => !parsed.found.some((f) => f.name === n)) : [];
    missing.forEach((name) => report.skipped.push({ name, reason: parsed.notImportable.find((n) => n.name === name)?.reason ?? t('not in the file') }));
  } else {
    chosen = await chooseProfiles(source.label, parsed.found, parsed.notImportable, existing);
    if (chosen.length === 0) {
      throw new UserCancelled();
    }
  }
  // A CloudSSO entry that a profile is already is skipped whatever the rule: no question about it.
  const clashes = chosen.filter((f) => !(f.sso && standInFor(f, existing)) && existing.some((p) => p.name.toLowerCase() === f.name.toLowerCase())).map((f) => f.name);
  const rule: ConflictRule = a.conflict ?? (clashes.length && !programmatic ? await chooseConflictRule(clashes) : 'skip');

  const plans = await planImport(chosen, existing, rule, parsed.found);
  const stored = await applyImport(plans, {
    add: (p, secrets) => ctx.store.add(p, secrets),
    update: (id, changes, secrets) => ctx.store.update(id, changes, secrets),
    addRole: (p) => storeRoleProfile(ctx, { profile: p }),
    addCloudSso: (p) => ctx.store.addCloudSso(p),
    clearResults: (id) => ctx.results.clear(id),
  });
  // A CloudSSO entry's sign-in is of use to the profile it became, or to the one that is it already.
  const ssoPlans = plans.filter((plan) => plan.found.sso && (stored.has(plan) || plan.duplicate));
  report.signIns = await importSignIns(ssoPlans.map((plan) => plan.found.sso as FoundCloudSso), ctx.cloudSso.signIns);
  report.signIns.forEach((s) => ctx.log.info(`[profiles] CloudSSO sign-in at ${new URL(s.signInUrl).host} from ${source.label}: ${s.outcome === 'saved' ? 'moved into secret storage' : 'a newer one is kept'}`));
  // Entries whose secret is now in secret storage (a chained role holds none in the file; a CloudSSO
  // entry's token and cached credentials are renewed from the sign-in, so they go too).
  const withSecret = new Map<string, string>();
  ssoPlans.filter((plan) => plan.found.sso?.holdsSecrets).forEach((plan) => withSecret.set(plan.found.ref, plan.found.name));
  for (const plan of plans) {
    const profile = stored.get(plan);
    if (!profile) {
      report.skipped.push({ name: plan.found.name, reason: plan.note ?? '' });
      continue;
    }
    report.imported.push({ name: profile.name, profileId: profile.id, action: plan.action as 'add' | 'replace', from: plan.found.name });
    if (plan.found.secrets.accessKeySecret) {
      withSecret.set(plan.found.ref, plan.found.name);
    }
  }
  ctx.log.info(`[profiles] imported ${report.imported.length} profile(s) from ${source.label} (${report.skipped.length} skipped, conflicts: ${rule})`);

  const sourceFormat = format;
  const refs = [...withSecret.keys()];
  const names = [...withSecret.values()].join(', ');
  const cloudSso = ssoPlans.some((plan) => withSecret.has(plan.found.ref));
  if (a.removeSecretsFromSource === true && refs.length) {
    try {
      report.secretsRemoved = await removeFromSource(ctx, sourceFormat, source, refs, names, a.confirm === true, cloudSso);
    } catch (error) {
      if (!(error instanceof UserCancelled)) {
        throw error;
      }
      ctx.log.info(`[profiles] ${source.label} left as it was: removing its secrets was not confirmed`);
    }
  } else if (!programmatic) {
    const summary = t('Imported {0} profile(s) from {1}{2}.', report.imported.length, source.label,
      report.skipped.length ? t(' ({0} skipped)', report.skipped.length) : '');
    if (refs.length) {
      const remove = t('Remove the Secrets from the File…');
      const still = cloudSso
        ? t('The secrets and CloudSSO sign-ins are now in VS Code\'s secret storage; the file still has them in plain text.')
        : t('The secrets are now in VS Code\'s secret storage; the file still has them in plain text.');
      void vscode.window.showInformationMessage(`${summary} ${still}`, remove).then(async (choice) => {
        if (choice !== remove) {
          return;
        }
        try {
          const removed = await removeFromSource(ctx, sourceFormat, source, refs, names, false, cloudSso);
          void vscode.window.showInformationMessage(t('Removed {0} secret(s) from {1}.', removed, source.label));
        } catch (error) {
          if (!(error instanceof UserCancelled)) {
            void vscode.window.showErrorMessage(error instanceof SourceFileError ? error.message : t('Could not change {0}.', source.label));
          }
        }
      });
    } else {
      void vscode.window.showInformationMessage(summary);
    }
  }
  return report;
}
