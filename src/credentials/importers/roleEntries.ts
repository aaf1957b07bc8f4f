// Role entries of the aliyun CLI config and the credentials file: their fields checked with the
// rules Add Profile uses, and chained entries resolved by name, whatever their order in the file.
import { t } from '../../util/l10n';
import { MAX_CHAIN } from '../roles/roleChain';
import { checkDuration, checkExternalId, checkSessionName, checkSessionPolicy, DEFAULT_DURATION_SECONDS, parseRoleArn, sessionNameFrom } from '../roles/roleInput';
import type { FoundProfile, FoundRole, NotImportable } from './types';

/** The names a format gives the role's fields; a format without one (no duration in the INI file) leaves it out. */
export interface RoleFieldNames {
  readonly arn: string;
  readonly sessionName: string;
  readonly duration?: string;
  readonly externalId?: string;
  readonly policy?: string;
}

export type CheckedRole = { ok: true; role: FoundRole } | { ok: false; message: string };

/** A value as the text the file holds; absent (or null) is empty. Numbers stay visible so their check can say what is wrong. */
function asText(value: unknown): string {
  return value === undefined || value === null ? '' : typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '?';
}

function invalid(field: string, message: string): { ok: false; message: string } {
  return { ok: false, message: t('its {0} is not valid. {1}', field, message) };
}

/**
 * The role an entry assumes. A missing session name becomes the entry's name made valid (the SDKs
 * make one up too); a missing or zero duration is the default, as the CLI's SDK takes it.
 */
export function checkRoleFields(value: (field: string) => unknown, fields: RoleFieldNames, entryName: string, sourceName?: string): CheckedRole {
  const arnText = asText(value(fields.arn)).trim();
  if (!arnText) {
    return { ok: false, message: t('it has no {0} (the ARN of the role to assume).', fields.arn) };
  }
  const arn = parseRoleArn(arnText);
  if (!arn.ok) {
    return invalid(fields.arn, arn.message);
  }
  const sessionText = asText(value(fields.sessionName)).trim();
  const sessionName = checkSessionName(sessionText || sessionNameFrom(entryName));
  if (!sessionName.ok) {
    return invalid(fields.sessionName, sessionName.message);
  }
  let durationSeconds = DEFAULT_DURATION_SECONDS;
  const rawDuration = fields.duration ? value(fields.duration) : undefined;
  if (rawDuration !== undefined && rawDuration !== null && rawDuration !== 0 && rawDuration !== '') {
    const duration = checkDuration(typeof rawDuration === 'number' || typeof rawDuration === 'string' ? rawDuration : '?');
    if (!duration.ok) {
      return typeof rawDuration === 'number'
        ? { ok: false, message: t('its {0} is {1}. {2}', fields.duration as string, rawDuration, duration.message) }
        : invalid(fields.duration as string, duration.message);
    }
    durationSeconds = duration.value;
  }
  const externalId = checkExternalId(fields.externalId ? asText(value(fields.externalId)) : undefined);
  if (!externalId.ok) {
    return invalid(fields.externalId as string, externalId.message);
  }
  const policy = checkSessionPolicy(fields.policy ? asText(value(fields.policy)) : undefined);
  if (!policy.ok) {
    return invalid(fields.policy as string, policy.message);
  }
  return {
    ok: true,
    role: { roleArn: arn.value.arn, sessionName: sessionName.value, durationSeconds, externalId: externalId.value, policy: policy.value, sourceName },
  };
}

/** One entry of a file after its own checks: found (a chained one still needs its source), or not importable. */
export type EntryOutcome = { readonly name: string; readonly found: FoundProfile } | { readonly name: string; readonly notImportable: NotImportable };

/**
 * Chained entries can be imported only when their source can: each is followed to an entry with a
 * key, and one that names a missing source, a source that cannot be imported, leads round in a
 * loop or is longer than a chain may be is not importable, saying which. The order of the entries
 * in the file does not matter.
 */
export function resolveChainedEntries(entries: readonly EntryOutcome[]): { found: FoundProfile[]; notImportable: NotImportable[] } {
  const byName = new Map<string, EntryOutcome>();
  for (const e of entries) {
    if (!byName.has(e.name)) {
      byName.set(e.name, e); // the tools use the first entry of a name
    }
  }
  // Walks at most MAX_CHAIN + 1 links, so a file of thousands of chained entries stays linear.
  const problem = (entry: FoundProfile): string | undefined => {
    const path = [entry.name];
    for (let current = entry; ;) {
      const sourceName = current.role?.sourceName;
      if (sourceName === undefined) {
        return undefined;
      }
      const chain = [...path, sourceName].join(' → ');
      const source = byName.get(sourceName);
      if (!source) {
        return path.length === 1
          ? t('its source profile "{0}" is not in the file.', sourceName)
          : t('its chain of source profiles ({0}) names "{1}", which is not in the file.', chain, sourceName);
      }
      if ('notImportable' in source) {
        return path.length === 1
          ? t('its source profile "{0}" cannot be imported: {1}', sourceName, source.notImportable.reason)
          : t('its chain of source profiles ({0}) needs "{1}", which cannot be imported: {2}', chain, sourceName, source.notImportable.reason);
      }
      if (path.includes(sourceName)) {
        return t('its source profiles go round in a loop ({0}); a role chain must end at an AccessKey.', chain);
      }
      path.push(sourceName);
      if (path.length - 1 > MAX_CHAIN) {
        return t('it passes through more than {0} role profiles to reach an AccessKey ({1}).', MAX_CHAIN, path.join(' → '));
      }
      current = source.found;
    }
  };
  const found: FoundProfile[] = [];
  const notImportable: NotImportable[] = [];
  for (const e of entries) {
    if ('notImportable' in e) {
      notImportable.push(e.notImportable);
      continue;
    }
    const reason = problem(e.found);
    if (reason === undefined) {
      found.push(e.found);
    } else {
      notImportable.push({ name: e.found.name, mode: 'ChainableRamRoleArn', reason });
    }
  }
  return { found, notImportable };
}
