import * as vscode from 'vscode';
import { CloudClientFactory } from './aliyun/clientFactory';
import { ramExports, type RamExports } from './commands/ram/ramExports';
import { offerUnfinishedRotations } from './commands/ram/rotationStartup';
import { createConsent } from './commands/consent';
import { registerLeakGuard } from './commands/leaks/registerLeakGuard';
import { registerCommands } from './commands/registerCommands';
import { onCloudSettingsChanged, readCloudSettings } from './config';
import { OutputChannelName } from './constants';
import { ActiveProfile } from './credentials/activeProfile';
import { KeyAgeTracker } from './credentials/keys/keyAge';
import { KeyRotation } from './credentials/keys/rotation';
import { RotationJournal } from './credentials/keys/rotationJournal';
import { RotationReminders } from './credentials/keys/rotationReminders';
import type { Profile } from './credentials/profile';
import { ProfileSessions, storedCredentials } from './credentials/profileSessions';
import { RoleCredentials } from './credentials/roles/roleCredentials';
import { ProfileStore } from './credentials/profileStore';
import { SharedSecrets } from './credentials/sharedSecrets';
import { TerminalEnvironment } from './credentials/terminalEnvironment';
import { TestResults } from './credentials/testResults';
import { ProfilesView } from './views/profiles/profilesView';
import { RamExplorer } from './views/ram/ramExplorer';
import { LoadBalancersView } from './views/slb/loadBalancersView';
import { showStaleWindowNotice } from './views/staleWindowNotice';
import { ProfileStatusBar } from './views/statusBar';
import { registerTreeCommands } from './views/tree/treeNode';

/**
 * What activate() returns under a test runner only: the views' objects, for the integration tests
 * to read the trees. They lead to the store and live sessions, and other extensions share this
 * extension host, so in production activate() returns nothing at all.
 */
export interface ExtensionExports {
  readonly loadBalancers: LoadBalancersView;
  readonly ram: RamExports;
  /** Where VS Code keeps this extension's files, for the test that scans them for secrets. */
  readonly storage: { readonly globalStorageUri: vscode.Uri; readonly storageUri?: vscode.Uri; readonly logUri: vscode.Uri };
  /** The profiles and how the status bar and the Profiles view show them (nothing secret is reachable from here). */
  /** Asks for a profile's credentials `times` at once, through the sessions everything signs with; only the key IDs come back. */
  readonly credentialIds: (profileId: string, times: number) => Promise<string[]>;
  readonly profiles: {
    list(): Promise<Profile[]>; statusBar: ProfileStatusBar; view: ProfilesView;
    /** This window's copy of secret storage is outdated (another window wrote; VS Code for the Web): it refuses writes until reloaded. */
    readonly secretsStale: () => Promise<boolean>;
  };
}

/** Composition only: build the parts, register them, nothing else. The Alibaba SDK loads on first call. */
export function activate(context: vscode.ExtensionContext): ExtensionExports | undefined {
  const register = <T extends vscode.Disposable>(d: T): T => {
    context.subscriptions.push(d);
    return d;
  };
  const log = register(vscode.window.createOutputChannel(OutputChannelName, { log: true }));
  const secrets = register(new SharedSecrets(context.secrets, context.globalStorageUri.fsPath, log));
  register(showStaleWindowNotice(secrets));
  const store = register(new ProfileStore(secrets, log));
  const active = register(new ActiveProfile(store, context.workspaceState, context.globalState));
  const results = register(new TestResults(context.globalState));
  const clients = new CloudClientFactory(readCloudSettings, log);
  const roles = register(new RoleCredentials({ store, clients, log }, storedCredentials(store)));
  const sessions = register(new ProfileSessions(store, active, clients, roles.credentialsFor));
  register(onCloudSettingsChanged(() => sessions.invalidate()));
  const loadBalancers = register(new LoadBalancersView(sessions, context.workspaceState, log));
  const ram = register(new RamExplorer(sessions, store, log));
  const rotations = register(new RotationJournal(secrets, log));
  const reminders = new RotationReminders(context.globalState);
  const rotation = new KeyRotation({ journal: rotations, profiles: store, sessions, clients, reminders, log });
  const terminal = register(new TerminalEnvironment(context.environmentVariableCollection, store, active, context.workspaceState, log, roles));
  const testMode = context.extensionMode === vscode.ExtensionMode.Test;
  const consent = createConsent(testMode, (message, detail, action) => vscode.window.showWarningMessage(message, { modal: true, detail }, action));
  const ctx = { store, active, results, sessions, log, loadBalancers, ram, rotations, rotation, reminders, terminal, consent };

  const statusBar = register(new ProfileStatusBar(store, active, results, terminal, roles));
  const profilesView = register(new ProfilesView(store, active, results, terminal));
  register(new KeyAgeTracker(results, store, sessions, log));
  registerTreeCommands().forEach(register);
  registerCommands(ctx).forEach(register);
  registerLeakGuard(ctx, context.workspaceState).forEach(register);
  void offerUnfinishedRotations(ctx);
  if (!testMode) {
    return undefined;
  }
  return {
    loadBalancers, ram: ramExports(ctx),
    credentialIds: (profileId, times) => Promise.all(Array.from({ length: times }, async () => (await sessions.credentials((await store.get(profileId))!)).accessKeyId)),
    storage: { globalStorageUri: context.globalStorageUri, storageUri: context.storageUri, logUri: context.logUri },
    profiles: { list: () => store.list(), statusBar, view: profilesView, secretsStale: () => secrets.check() },
  };
}

export function deactivate(): void {}
