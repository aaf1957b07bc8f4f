import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  defaultAliyunCliConfigPath, defaultCredentialsFilePath, guessFormat, parseSource, removeSecrets, SourceFileError,
  type FoundProfile, type ImportFormat, type NotImportable,
} from '../../credentials/importers';
import { planImport, type ConflictRule, type PlannedImport } from '../../credentials/importers/importPlan';
import type { Profile } from '../../credentials/profile';
import { displayPath, readSourceFile, rewriteSourceFile, type SourceText } from '../../credentials/sourceFile';
import { t } from '../../util/l10n';
import { maskAccessKeyId } from '../../util/mask';
import { UserCancelled, UserFacingError } from '../../util/errors';
import { isArgs } from '../args';
import type { CommandContext } from '../context';

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
  readonly found: Array<{ name: string; kind: string; accessKeyId: string; regionId?: string; existing?: string }>;
  readonly notImportable: NotImportable[];
  readonly imported: Array<{ name: string; profileId: string; action: 'add' | 'replace'; from: string }>;
  readonly skipped: Array<{ name: string; reason: string }>;
  /** Entries whose secret was removed from the file. */
  readonly secretsRemoved: number;
}

const FORMAT_NAMES: Record<ImportFormat, () => string> = {
  'aliyun-cli': () => t('aliyun CLI configuration'),
  'credentials-file': () => t('Alibaba Cloud credentials file'),
  csv: () => t('AccessKey CSV from the console'),
};

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

async function pickFile(title: string, filters?: Record<string, string[]>): Promise<string> {
  const uris = await vscode.window.showOpenDialog({
    title, canSelectMany: false, canSelectFiles: true, canSelectFolders: false, openLabel: t('Import'),
    defaultUri: vscode.Uri.file(os.homedir()), filters,
  });
  if (!uris?.[0]) {
    throw new UserCancelled();
  }
  return uris[0].fsPath;
}

async function chooseSource(): Promise<{ format?: ImportFormat; path: string }> {
  const cli = defaultAliyunCliConfigPath();
  const ini = defaultCredentialsFilePath();
  const state = (file: string) => (existsSync(file) ? displayPath(file) : t('{0} (not found)', displayPath(file)));
  const items: Array<vscode.QuickPickItem & { format?: ImportFormat; path?: string }> = [
    { label: `$(terminal) ${FORMAT_NAMES['aliyun-cli']()}`, description: state(cli), detail: t('AK and StsToken profiles'), format: 'aliyun-cli', path: cli },
    { label: `$(file) ${FORMAT_NAMES['credentials-file']()}`, description: state(ini), detail: t('[sections] with type = access_key'), format: 'credentials-file', path: ini },
    { label: `$(file-text) ${FORMAT_NAMES.csv()}…`, detail: t('The file "Download CSV File" gives when you create an AccessKey'), format: 'csv' },
    { label: `$(folder-opened) ${t('Another file…')}`, detail: t('Any of the above, somewhere else') },
  ];
  const pick = await vscode.window.showQuickPick(items, { title: t('Import Alibaba Cloud Profiles'), placeHolder: t('Import from where?') });
  if (!pick) {
    throw new UserCancelled();
  }
  if (pick.path && existsSync(pick.path)) {
    return { format: pick.format, path: pick.path };
  }
  const filters = pick.format === 'csv' ? { CSV: ['csv'], [t('All files')]: ['*'] } : undefined;
  return { format: pick.format, path: await pickFile(t('Import Alibaba Cloud Profiles'), filters) };
}

function describeFound(f: FoundProfile): string {
  return [f.kind === 'StsToken' ? t('STS token') : t('AccessKey'), maskAccessKeyId(f.accessKeyId), f.regionId ?? ''].filter(Boolean).join(' · ');
}

/** The picker that shows everything found before anything is stored; returns the chosen ones. */
async function chooseProfiles(label: string, found: FoundProfile[], notImportable: NotImportable[], existing: Profile[]): Promise<FoundProfile[]> {
  type Item = vscode.QuickPickItem & { found?: FoundProfile };
  const items: Item[] = [];
  if (found.length) {
    items.push({ label: t('Can be imported'), kind: vscode.QuickPickItemKind.Separator });
  }
  for (const f of found) {
    const sameName = existing.find((p) => p.name.toLowerCase() === f.name.toLowerCase());
    const sameKey = existing.find((p) => p.accessKeyId === f.accessKeyId);
    items.push({
      label: f.name,
      description: describeFound(f),
      detail: sameName
        ? t('$(warning) A profile named "{0}" exists: you choose next whether to rename, replace or skip.', sameName.name)
        : sameKey ? t('$(info) Profile "{0}" already has this AccessKey.', sameKey.name) : undefined,
      picked: true,
      found: f,
    });
  }
  if (notImportable.length) {
    items.push({ label: t('Cannot be imported'), kind: vscode.QuickPickItemKind.Separator });
    for (const n of notImportable) {
      items.push({ label: `$(circle-slash) ${n.name}`, description: n.mode, detail: n.reason });
    }
  }
  const picks = await vscode.window.showQuickPick(items, {
    title: t('Import from {0}', label),
    placeHolder: found.length
      ? t('{0} profile(s) found. Nothing is stored until you press OK; the secrets go to VS Code\'s secret storage.', found.length)
      : t('Nothing here can be imported; the list says why.'),
    canPickMany: true, ignoreFocusOut: true, matchOnDescription: true,
  });
  if (!picks) {
    throw new UserCancelled();
  }
  return picks.map((p) => p.found).filter((f): f is FoundProfile => f !== undefined);
}

async function chooseConflictRule(clashes: string[]): Promise<ConflictRule> {
  const items: Array<vscode.QuickPickItem & { rule: ConflictRule }> = [
    { label: t('Keep both'), description: t('import as "{0} (2)"', clashes[0]), rule: 'rename' },
    { label: t('Replace'), description: t('put the imported key, secret and region into the existing profile'), rule: 'replace' },
    { label: t('Skip'), description: t('leave the existing profile as it is'), rule: 'skip' },
  ];
  const pick = await vscode.window.showQuickPick(items, {
    title: t('Profiles with these names exist: {0}', clashes.join(', ')), placeHolder: t('What should happen to them?'), ignoreFocusOut: true,
  });
  if (!pick) {
    throw new UserCancelled();
  }
  return pick.rule;
}

async function store(ctx: CommandContext, plan: PlannedImport): Promise<Profile> {
  const f = plan.found;
  if (plan.action === 'replace' && plan.existing) {
    const keyChanged = plan.existing.accessKeyId !== f.accessKeyId;
    const updated = await ctx.store.update(plan.existing.id, {
      accessKeyId: f.accessKeyId, kind: f.kind, expiration: f.expiration, source: f.source,
      regionId: f.regionId ?? plan.existing.regionId,
      keyCreatedAt: f.keyCreatedAt ?? (keyChanged ? undefined : plan.existing.keyCreatedAt),
    }, f.secrets);
    await ctx.results.clear(plan.existing.id);
    return updated;
  }
  return ctx.store.add({
    name: plan.name, kind: f.kind, accessKeyId: f.accessKeyId, regionId: f.regionId ?? 'cn-hangzhou',
    expiration: f.expiration, keyCreatedAt: f.keyCreatedAt, source: f.source,
  }, f.secrets);
}

async function removeFromSource(ctx: CommandContext, format: ImportFormat, source: SourceText, refs: string[], names: string, preapproved: boolean): Promise<number> {
  await ctx.consent.ask({
    message: t('Remove the plaintext secrets of {0} from {1}?', names, source.label),
    detail: t('Only the secret (and STS token) lines of these profiles go; everything else in the file stays as it is. Tools that read this file will no longer find these secrets.'),
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
  const parsed = parseSource(format, source.text, source.label, file);
  const existing = await ctx.store.list();
  const report = {
    file: source.label,
    format,
    found: parsed.found.map((f) => ({
      name: f.name, kind: f.kind, accessKeyId: maskAccessKeyId(f.accessKeyId), regionId: f.regionId,
      existing: existing.find((p) => p.name.toLowerCase() === f.name.toLowerCase())?.name,
    })),
    notImportable: parsed.notImportable,
    imported: [] as ImportReport['imported'],
    skipped: [] as ImportReport['skipped'],
    secretsRemoved: 0,
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
  const clashes = chosen.filter((f) => existing.some((p) => p.name.toLowerCase() === f.name.toLowerCase())).map((f) => f.name);
  const rule: ConflictRule = a.conflict ?? (clashes.length && !programmatic ? await chooseConflictRule(clashes) : 'skip');

  const refs: string[] = [];
  for (const plan of planImport(chosen, existing, rule)) {
    if (plan.action === 'skip') {
      report.skipped.push({ name: plan.found.name, reason: plan.note ?? '' });
      continue;
    }
    const profile = await store(ctx, plan);
    report.imported.push({ name: profile.name, profileId: profile.id, action: plan.action, from: plan.found.name });
    refs.push(plan.found.ref);
  }
  ctx.log.info(`[profiles] imported ${report.imported.length} profile(s) from ${source.label} (${report.skipped.length} skipped, conflicts: ${rule})`);

  const sourceFormat = format;
  const names = report.imported.map((i) => i.from).join(', ');
  if (a.removeSecretsFromSource === true && refs.length) {
    try {
      report.secretsRemoved = await removeFromSource(ctx, sourceFormat, source, refs, names, a.confirm === true);
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
      void vscode.window.showInformationMessage(summary + ' ' + t('The secrets are now in VS Code\'s secret storage; the file still has them in plain text.'), remove).then(async (choice) => {
        if (choice !== remove) {
          return;
        }
        try {
          const removed = await removeFromSource(ctx, sourceFormat, source, refs, names, false);
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
