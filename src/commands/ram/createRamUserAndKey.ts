import * as vscode from 'vscode';
import { Commands } from '../../constants';
import { NewRamUser, NewRamUserFailure, type NewRamUserPlan, type NewRamUserState, type NewRamUserStep } from '../../credentials/keys/newRamUser';
import { SUGGESTED_POLICIES } from '../../credentials/keys/newRamUserInput';
import { sentences, t } from '../../util/l10n';
import { commandInput } from '../args';
import type { CommandContext } from '../context';
import { confirmRootUse } from '../rootGuard';
import type { TestCredentialsResult } from '../testCredentials';
import { askPlan, planFromArgs, type NewRamUserValues } from './newRamUserPrompts';
import { checkHandoffArgs, handoffPlan, handOverFromArgs, handOverInteractively, type HandoffArgs, type HandoffResult } from './secretHandoff';

export interface CreateRamUserArgs extends HandoffArgs, NewRamUserValues {
  userName?: string;
  displayName?: string;
  policies?: string[];
  /** When a step fails half-way: retry the rest, remove what was created, or leave it (the default). */
  onFailure?: 'finish' | 'remove' | 'leave';
  /** `true` answers the questions in Test mode only; elsewhere they are asked. */
  confirm?: boolean;
}

export type CreateRamUserResult =
  | ({ readonly outcome: 'created'; readonly userName: string; readonly policies: readonly string[]; readonly accessKeyId: string;
      /** The step that failed before Finish completed the rest. */
      readonly finishedAfter?: NewRamUserStep;
      readonly test?: { readonly ok: boolean; readonly summary: string } } & HandoffResult)
  /** `message`: what failed and what existed then; `state`: what exists now. */
  | { readonly outcome: 'removed' | 'failed'; readonly userName: string; readonly step: NewRamUserStep; readonly message: string; readonly state: NewRamUserState };

type Recovery = 'finish' | 'remove' | 'leave';

/**
 * Create RAM User and AccessKey: the console's advice for a root key, done in one flow. The user
 * is created, its policies attached, its key made and handed over as Create AccessKey does, and
 * the new profile tested. A step that fails leaves the choice to finish or to remove what exists.
 */
export async function createRamUserAndKey(ctx: CommandContext, arg?: unknown, options?: unknown): Promise<CreateRamUserResult> {
  const { args, interactive } = commandInput<CreateRamUserArgs>(arg, options);
  const current = await ctx.sessions.forProfileOrActive(undefined);
  const choices = interactive ? [] : await checkHandoffArgs(ctx, args);
  const plan = interactive ? await askPlan() : planFromArgs(args);

  const identity = await current.session.sts.getCallerIdentity();
  await confirmRootUse(ctx, current.profile, args.confirm === true, identity.identityType);
  await ctx.consent.ask({
    message: t('Create RAM user {0} with {1}, and an AccessKey for it?', plan.userName, plan.policies.join(', ')),
    detail: sentences(
      broadWarning(plan),
      t('If a step fails, you are told what exists and may finish or remove it.'),
      interactive ? t('The new key\'s secret is shown once, in a dialog, where you choose where to keep it; a profile is then tested with it.') : handoffPlan(args, choices),
    ),
    action: t('Create RAM User'),
    preapproved: args.confirm === true,
  });

  let handed: HandoffResult = { copied: false };
  const info = (key: Parameters<typeof handOverFromArgs>[1]['key']) => ({ key, userName: plan.userName, accountId: identity.accountId, regionId: current.profile.regionId });
  const flow = new NewRamUser(current.session.ram, plan, {
    handOver: async (key) => {
      handed = interactive ? await handOverInteractively(ctx, info(key)) : await handOverFromArgs(ctx, info(key), args, choices);
      return !!(handed.profileId || handed.csvPath || handed.copied);
    },
    log: (line) => ctx.log.info(line),
  });

  let failed: NewRamUserFailure | undefined;
  let recovery: Recovery | undefined;
  for (;;) {
    try {
      if (recovery === 'remove') {
        await withProgress(t('Removing RAM user {0}', plan.userName), () => flow.remove());
        void vscode.window.showInformationMessage(t('RAM user {0} and what was created for it are removed.', plan.userName));
        return { outcome: 'removed', userName: plan.userName, step: failed?.step ?? 'remove', message: failed?.message ?? '', state: flow.state };
      }
      const { accessKeyId } = await withProgress(t('Creating RAM user {0}', plan.userName), () => flow.run());
      return { outcome: 'created', userName: plan.userName, policies: plan.policies, accessKeyId, finishedAfter: failed?.step, ...handed, test: await testNewProfile(handed) };
    } catch (error) {
      if (!(error instanceof NewRamUserFailure)) {
        throw error;
      }
      failed ??= error;
      ctx.log.warn(`[ram] the new RAM user ${plan.userName}: ${error.step} failed`);
      // From arguments the recovery is tried once; a person may try as often as they like.
      const next: Recovery = !error.recoverable ? 'leave'
        : interactive ? await askRecovery(error) : recovery === undefined ? (args.onFailure ?? 'leave') : 'leave';
      if (next === 'leave') {
        if (interactive && !error.recoverable) {
          throw error;
        }
        void vscode.window.showWarningMessage(error.message);
        return { outcome: 'failed', userName: plan.userName, step: error.step, message: error.message, state: flow.state };
      }
      recovery = next;
    } finally {
      ctx.ram.refresh();
    }
  }

  /** The new profile, tested as Test Credentials does (its notification says how it went). */
  async function testNewProfile(result: HandoffResult): Promise<{ ok: boolean; summary: string } | undefined> {
    if (!result.profileId) {
      return undefined;
    }
    const tested = await vscode.commands.executeCommand<TestCredentialsResult | undefined>(Commands.testCredentials, { profileId: result.profileId });
    return tested ? { ok: tested.ok, summary: tested.summary } : undefined;
  }
}

function withProgress<T>(title: string, task: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, task);
}

/** The modal after a failure: what exists, and Finish / Remove What Was Created; closing leaves it as it is. */
async function askRecovery(error: NewRamUserFailure): Promise<Recovery> {
  const finish = t('Finish');
  const remove = t('Remove What Was Created');
  const choice = await vscode.window.showWarningMessage(error.message, {
    modal: true,
    detail: t('Finish tries the remaining steps again. Remove What Was Created deletes the new key, detaches the policies and deletes the user. Close this to leave things as they are.'),
  }, finish, remove);
  return choice === finish ? 'finish' : choice === remove ? 'remove' : 'leave';
}

function broadWarning(plan: NewRamUserPlan): string {
  const broad = SUGGESTED_POLICIES.filter((p) => p.broad && plan.policies.includes(p.name)).map((p) => p.name);
  return broad.length
    ? t('{0} lets the user do far more than most work needs: a leaked key could change or delete everything it covers.', broad.join(', '))
    : t('The user may do only what these policies allow.');
}
