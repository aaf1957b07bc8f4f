import * as vscode from 'vscode';
import type { NewRamUserPlan } from '../../credentials/keys/newRamUser';
import {
  checkPolicies, checkPolicyName, checkRamDisplayName, checkRamUserName, SUGGESTED_POLICIES,
} from '../../credentials/keys/newRamUserInput';
import { UserCancelled } from '../../util/errors';
import { t } from '../../util/l10n';
import { askText, asTextCheck, must } from '../prompts';

export interface NewRamUserValues {
  userName?: unknown;
  displayName?: unknown;
  policies?: unknown;
}

/** The plan from arguments, each value checked as RAM checks it (the display name defaults to the user name). */
export function planFromArgs(args: NewRamUserValues): NewRamUserPlan {
  const userName = must(checkRamUserName(typeof args.userName === 'string' ? args.userName : undefined));
  const displayName = must(checkRamDisplayName(typeof args.displayName === 'string' ? args.displayName : userName));
  const policies = must(checkPolicies(Array.isArray(args.policies) ? args.policies : undefined));
  return { userName, displayName, policies };
}

/** Asks for the user name, the display name and the permissions. */
export async function askPlan(): Promise<NewRamUserPlan> {
  const title = t('Create RAM User and AccessKey');
  const userName = await askText({
    title,
    prompt: t('The RAM user\'s name (its logon name): 1–64 letters, digits and . @ _ -'),
    placeHolder: 'deploy-bot',
    check: asTextCheck(checkRamUserName),
  });
  const displayName = await askText({
    title,
    prompt: t('Its display name, shown in the console'),
    value: userName,
    check: asTextCheck(checkRamDisplayName),
  });
  return { userName, displayName, policies: await pickPolicies(title) };
}

interface PolicyItem extends vscode.QuickPickItem {
  readonly policy?: string;
  readonly other?: boolean;
}

/** A multi-select of system policies, each with what it allows, and an item to type any other name. */
async function pickPolicies(title: string): Promise<string[]> {
  const items: PolicyItem[] = [
    ...SUGGESTED_POLICIES.map((p): PolicyItem => ({
      label: p.broad ? `$(warning) ${p.name}` : p.name,
      detail: p.description(),
      policy: p.name,
    })),
    { label: `$(edit) ${t('Type Another Policy Name…')}`, detail: t('Any system policy, such as AliyunOSSReadOnlyAccess.'), other: true },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title,
    placeHolder: t('What may the new RAM user do? Pick only what the work needs.'),
    canPickMany: true,
    ignoreFocusOut: true,
  });
  if (!picked) {
    throw new UserCancelled();
  }
  const names = picked.filter((i) => i.policy).map((i) => i.policy as string);
  if (picked.some((i) => i.other)) {
    names.push(await askText({
      title,
      prompt: t('The name of a system policy (case-sensitive)'),
      placeHolder: 'AliyunOSSReadOnlyAccess',
      check: asTextCheck(checkPolicyName),
    }));
  }
  return must(checkPolicies(names));
}
