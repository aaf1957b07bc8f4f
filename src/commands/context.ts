import type * as vscode from 'vscode';
import type { CloudClientFactory, CloudSession } from '../aliyun/clientFactory';
import type { ActiveProfile } from '../credentials/activeProfile';
import type { ActiveSession } from '../credentials/activeSession';
import type { Profile } from '../credentials/profile';
import type { ProfileStore } from '../credentials/profileStore';
import type { TestResults } from '../credentials/testResults';
import type { LoadBalancersView } from '../views/slb/loadBalancersView';
import type { RotationJournal } from '../credentials/rotationJournal';
import type { TerminalEnvironment } from '../credentials/terminalEnvironment';
import type { Consent } from './consent';
import type { RamExplorer } from '../views/ram/ramExplorer';
import { t } from '../util/l10n';

/** What commands work with; built once in extension.ts and handed to each command. */
export interface CommandContext {
  readonly store: ProfileStore;
  readonly active: ActiveProfile;
  readonly results: TestResults;
  readonly clients: CloudClientFactory;
  /** The active profile's session, for views and commands that act on "the current account". */
  readonly session: ActiveSession;
  readonly log: vscode.LogOutputChannel;
  /** For state that outlives a window (globalState), terminal environment, storage paths. */
  readonly extension: vscode.ExtensionContext;
  /** The Load Balancers view, for its commands. */
  readonly loadBalancers: LoadBalancersView;
  /** The RAM view (issue 4), for its commands. */
  readonly ram: RamExplorer;
  /** Unfinished key rotations, in SecretStorage (issue 4). */
  readonly rotations: RotationJournal;
  /** "Use in terminal": the active profile's credentials in new terminals (issue 3). */
  readonly terminal: TerminalEnvironment;
  /** Asks the person before a secret leaves, the cloud changes or a file of theirs is rewritten. */
  readonly consent: Consent;
}

/** Thrown when the user dismisses a prompt: the command wrapper stays silent. */
export class UserCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'UserCancelled';
  }
}

/** An error whose message is meant for the user as it is. */
export class UserFacingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserFacingError';
  }
}

export async function sessionFor(ctx: CommandContext, profile: Profile): Promise<CloudSession> {
  const secrets = await ctx.store.getSecrets(profile.id);
  if (!secrets) {
    throw new UserFacingError(t('The secret of profile "{0}" is missing from this machine\'s secret storage. Edit the profile and enter it again.', profile.name));
  }
  return ctx.clients.session(
    { accessKeyId: profile.accessKeyId, accessKeySecret: secrets.accessKeySecret, securityToken: secrets.securityToken },
    profile.regionId,
  );
}
