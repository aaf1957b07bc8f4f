import * as vscode from 'vscode';
import { consoleSite, docsUrl, ramUserConsoleUrl, rootAccessKeyConsoleUrl } from '../aliyun/console';
import { userNameOf } from '../aliyun/identity';
import { measureClockSkew } from '../aliyun/serverClock';
import { readConsoleSiteSetting } from '../config';
import { Commands } from '../constants';
import {
  testProfile, type CredentialTestResult, type FoundOwner, type TestOptions, type TestStage,
} from '../credentials/credentialCheck';
import { resultActions, type ResultActionId } from '../credentials/testActions';
import { testCloudSsoProfile } from '../credentials/cloudSso/cloudSsoCheck';
import { testRoleProfile, type RoleTestInput } from '../credentials/roles/roleCheck';
import { findKeyOwner, orderOwnerCandidates, type OwnerSearchCandidate } from '../credentials/ownerSearch';
import { hasObtainedCredentials, isCloudSsoProfile, isRoleProfile, type Profile, type RoleDefinition } from '../credentials/profile';
import { t } from '../util/l10n';
import { maskAccessKeyId } from '../util/mask';
import { UserFacingError } from '../util/errors';
import type { CommandContext } from './context';

/** Commands of the other areas that the result offers when they are registered (checked at run time). */
const EDIT_PROFILE = Commands.editProfile;
const ENABLE_ACCESS_KEY = Commands.ramEnableAccessKey;
const CREATE_RAM_USER = Commands.ramCreateRamUserAndKey;

export interface TestCredentialsArgs {
  profileId?: string;
}

const STAGE_MESSAGES: Record<TestStage, () => string> = {
  source: () => t('Who is the source profile? (STS GetCallerIdentity)'),
  assume: () => t('May it assume the role? (STS AssumeRole)'),
  signIn: () => t('Is there a CloudSSO sign-in on this computer?'),
  cloudSso: () => t('Does CloudSSO give credentials for this account and access configuration?'),
  identity: () => t('Who is this key? (STS GetCallerIdentity)'),
  slb: () => t('May it use SLB? (DescribeRegions, DescribeLoadBalancers)'),
  clock: () => t('Measuring the clock difference…'),
  owner: () => t('Looking for the owner of the key through your other profiles…'),
};

/** Test Credentials: who the key is (STS), then whether it may use SLB; the result is kept for the status bar. */
export async function testCredentials(ctx: CommandContext, args?: TestCredentialsArgs): Promise<TestCredentialsResult> {
  const profile = args?.profileId ? await ctx.store.get(args.profileId) : await ctx.active.current();
  if (!profile) {
    throw new UserFacingError(args?.profileId ? t('There is no profile with the id {0}.', args.profileId) : t('There is no profile to test. Add one first.'));
  }
  const previous = ctx.results.get(profile.id);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Testing profile "{0}"', profile.name) },
    async (progress) => {
      const options: TestOptions = {
        progress: { report: (stage) => progress.report({ message: STAGE_MESSAGES[stage]() }) },
        measureClockSkew: (endpoint) => measureClockSkew(endpoint),
        findKeyOwner: async (accessKeyId) => findKeyOwner(accessKeyId, await ownerCandidates(ctx, profile, previous), { log: ctx.log }),
        previous,
      };
      if (isRoleProfile(profile)) {
        return testRoleProfile(await roleTestInput(ctx, profile), options);
      }
      if (isCloudSsoProfile(profile)) {
        const { signIns } = ctx.cloudSso;
        return testCloudSsoProfile({ profile, signIns, portal: (url) => ctx.cloudSso.portal(url), clients: { session: (c, r) => ctx.sessions.withCredentials(c, r) } }, options);
      }
      const { session } = await ctx.sessions.forProfile(profile);
      return testProfile(profile, session, options);
    },
  );
  await ctx.results.set(result);
  if (result.ok && hasObtainedCredentials(profile)) {
    // The test got its credentials apart; get them for use too, so the status bar counts down from now.
    void ctx.sessions.credentials(profile).catch(() => undefined);
  }
  ctx.log.info(`[test] profile "${profile.name}" (${maskAccessKeyId(profile.accessKeyId)}): ${result.ok
    ? 'ok'
    : `failed at ${result.failedStage ?? 'identity'} (${result.identityCheck.code ?? result.slbCheck?.code ?? result.cloudSsoCause ?? 'error'}${result.clockSkewMs !== undefined ? `, clock skew ${Math.round(result.clockSkewMs / 1000)} s` : ''})`}`);
  const commands = new Set(await vscode.commands.getCommands(true));
  const actions = resultActions(result, {
    editProfile: commands.has(EDIT_PROFILE), enableAccessKey: commands.has(ENABLE_ACCESS_KEY), createRamUser: commands.has(CREATE_RAM_USER),
    cloudSso: commands.has(Commands.cloudSsoSignInAgain) && commands.has(Commands.cloudSsoSwitch),
  });
  void showResult(ctx, profile, result, actions).catch((error: unknown) =>
    ctx.log.error(`[test] the action on the result failed: ${error instanceof Error ? error.name : 'error'}`));
  return { ...result, actions };
}

/** The source profile and its session (a chain's source assumes its own role first); a failure is the test's first stage. */
async function roleTestInput(ctx: CommandContext, profile: Profile & { role: RoleDefinition }): Promise<RoleTestInput> {
  const source = await ctx.store.get(profile.role.sourceProfileId);
  if (!source) {
    throw new UserFacingError(t('The source profile of "{0}" is gone. Edit "{0}" and choose another source profile.', profile.name));
  }
  const sourceSession = await ctx.sessions.forProfile(source).then((s) => s.session, (error: unknown) => ({ error }));
  return { profile, source, sourceSession, clients: { session: (c, r) => ctx.sessions.withCredentials(c, r) } };
}

async function ownerCandidates(ctx: CommandContext, tested: Profile, previous: CredentialTestResult | undefined): Promise<OwnerSearchCandidate[]> {
  const others = (await ctx.store.list()).map((profile) => ({ profile, last: ctx.results.get(profile.id) }));
  return orderOwnerCandidates(tested, others, previous).map((profile) => ({
    profileId: profile.id,
    profileName: profile.name,
    session: () => ctx.sessions.forProfile(profile).then((s) => s.session, () => undefined),
  }));
}

/** What the RAM view's Enable AccessKey command takes to enable a disabled key as another profile. */
export function enableKeyArgs(profile: Profile, owner: FoundOwner): Record<string, unknown> {
  return { accessKeyId: profile.accessKeyId, userName: owner.userName, profileId: owner.viaProfileId, confirm: true };
}

/** The result as the command returns it: the stored result plus the actions its notification offers. */
export type TestCredentialsResult = CredentialTestResult & { readonly actions: readonly ResultActionId[] };

/** The notification: the summary and the actions that fix what failed. Not awaited by the command. */
async function showResult(ctx: CommandContext, profile: Profile, result: CredentialTestResult, actions: readonly ResultActionId[]): Promise<void> {
  const titles: Record<ResultActionId, string> = {
    editProfile: t('Edit Profile'),
    enableKey: t('Enable Key (as "{0}")', result.keyOwner?.viaProfileName ?? ''),
    copyKeyId: t('Copy Key ID'),
    openRamConsole: t('Open RAM Console'),
    copyPolicy: t('Copy Policy'),
    copyTrustStatement: t('Copy Trust Statement'),
    testSource: t('Test "{0}"', profile.role ? (await ctx.store.get(profile.role.sourceProfileId))?.name ?? '' : ''),
    openDocs: t('Open Docs'),
    testAgain: t('Test Again'),
    openSettings: t('Open Settings'),
    showLog: t('Show Log'),
    signInAgain: t('Sign In Again'),
    switchCloudSso: t('Switch CloudSSO Account…'),
    createRamUser: t('Create a RAM User for This Work…'),
  };
  const show = result.ok
    ? (result.identity?.identityType === 'Account' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage)
    : vscode.window.showErrorMessage;
  const choice = await show(result.summary, ...actions.map((a) => titles[a]));
  const action = actions.find((a) => titles[a] === choice);
  if (action) {
    await runAction(ctx, profile, result, action);
  }
}

async function runAction(ctx: CommandContext, profile: Profile, result: CredentialTestResult, action: ResultActionId): Promise<void> {
  const site = consoleSite(readConsoleSiteSetting(), profile.regionId);
  const open = (url: string) => vscode.env.openExternal(vscode.Uri.parse(url));
  const owner = result.keyOwner;
  switch (action) {
    case 'editProfile':
      await vscode.commands.executeCommand(EDIT_PROFILE, { profileId: profile.id });
      break;
    case 'enableKey': {
      // The button named the key; the modal names the owner and the profile that will sign, then
      // the RAM command runs with that confirmation passed on.
      const enable = t('Enable');
      const whose = owner?.userName ? t('RAM user {0}', owner.userName) : t('the account itself (root)');
      const choice = await vscode.window.showWarningMessage(
        t('Enable AccessKey {0} of {1}, signed with profile "{2}"?', maskAccessKeyId(profile.accessKeyId), whose, owner?.viaProfileName ?? ''),
        { modal: true, detail: t('Whoever holds its secret can use it again.') },
        enable,
      );
      if (choice !== enable || !owner?.viaProfileId) {
        break;
      }
      const done = await vscode.commands.executeCommand(ENABLE_ACCESS_KEY, enableKeyArgs(profile, owner));
      if (done !== undefined) {
        await vscode.commands.executeCommand(Commands.testCredentials, { profileId: profile.id });
      }
      break;
    }
    case 'copyTrustStatement':
      await vscode.env.clipboard.writeText(result.trustStatement ?? '');
      void vscode.window.showInformationMessage(t('A trust-policy statement that names the source is on the clipboard: the role\'s owner adds it to the role\'s trust policy in the RAM console.'));
      break;
    case 'testSource':
      await vscode.commands.executeCommand(Commands.testCredentials, { profileId: profile.role?.sourceProfileId });
      break;
    case 'copyKeyId':
      await vscode.env.clipboard.writeText(profile.accessKeyId);
      break;
    case 'openRamConsole':
      if (result.failureKind === 'disabledKey') {
        await open(owner && owner.accountId && !owner.userName ? rootAccessKeyConsoleUrl(site) : ramUserConsoleUrl(site, owner?.userName));
      } else {
        await open(ramUserConsoleUrl(site, result.identity ? userNameOf(result.identity) : undefined));
      }
      break;
    case 'copyPolicy':
      await vscode.env.clipboard.writeText(result.policyDocument ?? '');
      void vscode.window.showInformationMessage(t('A policy that allows {0} is on the clipboard: create it as a custom policy in the RAM console and attach it, or attach the system policy {1}.', result.deniedAction ?? '', result.suggestedPolicy ?? ''));
      break;
    case 'openDocs': {
      const topic = result.failureKind === 'noPermission' ? 'permissions' : result.failureKind === 'tokenExpired' || result.failureKind === 'tokenInvalid' ? 'sts' : 'accessKey';
      await open(docsUrl(site, topic));
      break;
    }
    case 'testAgain':
      await vscode.commands.executeCommand(Commands.testCredentials, { profileId: profile.id });
      break;
    case 'signInAgain':
    case 'switchCloudSso': {
      // Either fixes the profile in place; the test then says whether it works now.
      const done = action === 'signInAgain'
        ? await vscode.commands.executeCommand(Commands.cloudSsoSignInAgain, { signInUrl: profile.sso?.signInUrl })
        : await vscode.commands.executeCommand(Commands.cloudSsoSwitch, { profileId: profile.id });
      if (done !== undefined) {
        await vscode.commands.executeCommand(Commands.testCredentials, { profileId: profile.id });
      }
      break;
    }
    case 'openSettings': {
      // An override that does not answer is a likelier culprit than a proxy.
      const overridden = !result.cloudSsoCause && result.endpoint !== undefined && !result.endpoint.endsWith('.aliyuncs.com');
      const setting = result.cloudSsoCause === 'wrongUrl' ? 'alibabaCloud.cloudSso.clientId' : overridden ? 'alibabaCloud.endpoints' : 'http.proxy';
      await vscode.commands.executeCommand('workbench.action.openSettings', setting);
      break;
    }
    case 'showLog':
      ctx.log.show();
      break;
    case 'createRamUser':
      await vscode.commands.executeCommand(CREATE_RAM_USER);
      break;
  }
}
