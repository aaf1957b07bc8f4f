import * as vscode from 'vscode';
import { CloudClientFactory } from './aliyun/clientFactory';
import { createConsent } from './commands/consent';
import { onCloudSettingsChanged, readCloudSettings, readCloudSsoSettings } from './config';
import { OutputChannelName, ProfilesView as ProfilesViewIds, RamView, Settings, SlbView } from './constants';
import { ActiveProfile } from './credentials/activeProfile';
import { createCloudSsoServices, followActiveSignIn } from './credentials/cloudSso/services';
import { RotationJournal } from './credentials/keys/rotationJournal';
import { RotationReminders } from './credentials/keys/rotationReminders';
import { ProfileSessions, storedCredentials } from './credentials/profileSessions';
import { ProfileStore } from './credentials/profileStore';
import { RoleCredentials } from './credentials/roles/roleCredentials';
import { SharedSecrets } from './credentials/sharedSecrets';
import { TerminalEnvironment } from './credentials/terminalEnvironment';
import { TestResults } from './credentials/testResults';
import { anyEvent } from './util/events';
import type { ExtensionExports, Features, Kernel } from './features';
import { programServingOnDemand } from './views/programs/programServingOnDemand';
import { showStaleWindowNotice } from './views/staleWindowNotice';
import { ProfileStatusBar } from './views/statusBar';
import { LazyTreeProvider } from './views/tree/lazyTreeProvider';

export type { ExtensionExports } from './features';

/** After the first document opens, the leak guard loads once the window has settled. */
const LEAK_GUARD_DELAY_MS = 1000;

/**
 * Composition only: the kernel (profiles, sessions, status bar, terminals) is built now; commands,
 * trees and the leak guard load from dist/features.js on first use. The Alibaba SDK loads on the
 * first cloud call. In production activate() returns nothing: other extensions share this host.
 */
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
  const cloudSso = register(createCloudSsoServices({ secrets, globalState: context.globalState, log, settings: readCloudSsoSettings, next: storedCredentials(store) }));
  // Roles ask CloudSSO for their source's credentials, so a role assumed from a CloudSSO profile works too.
  const roles = register(new RoleCredentials({ store, clients, log }, cloudSso.credentials.credentialsFor));
  const sessions = register(new ProfileSessions(store, active, clients, roles.credentialsFor));
  register(onCloudSettingsChanged(() => sessions.invalidate()));
  register(followActiveSignIn(cloudSso.signIns, active, () => sessions.invalidate()));
  const rotations = register(new RotationJournal(secrets, log));
  const reminders = new RotationReminders(context.globalState);
  const renewed = anyEvent<unknown>(roles.onDidChange, cloudSso.credentials.onDidChange);
  const terminal = register(new TerminalEnvironment(context.environmentVariableCollection, store, active, context.workspaceState, log, { credentialsFor: roles.credentialsFor, onDidChange: renewed }));
  const testMode = context.extensionMode === vscode.ExtensionMode.Test;
  const consent = createConsent(testMode, (message, detail, action, alternative) =>
    vscode.window.showWarningMessage(message, { modal: true, detail }, action, ...(alternative ? [alternative] : [])));
  const statusBar = register(new ProfileStatusBar(store, active, results, terminal, roles, cloudSso));
  const serving = programServingOnDemand({ context, log, secrets, store, active, sessions, terminal }, register);

  let features: Features | undefined;
  const load = (): Features => {
    if (!features) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require('./features') as typeof import('./features');
      features = register(module.activateFeatures(kernel));
    }
    return features;
  };
  const trees = new Map([ProfilesViewIds.id, RamView.id, SlbView.id].map((id) => {
    const provider = register(new LazyTreeProvider<unknown>(async () => void load()));
    return [id, { provider, view: register(vscode.window.createTreeView(id, { treeDataProvider: provider, showCollapseAll: id !== ProfilesViewIds.id })) }] as const;
  }));
  const contributed = new Set<string>(((context.extension.packageJSON as { contributes?: { commands?: Array<{ command: string }> } }).contributes?.commands ?? []).map((c) => c.command));
  const kernel: Kernel = { context, log, secrets, store, active, results, clients, sessions, terminal, consent, rotations, reminders, statusBar, contributed, trees, serving, cloudSso };
  for (const id of contributed) {
    register(vscode.commands.registerCommand(id, (...args: unknown[]) => load().run(id, args)));
  }
  startWhenNeeded(load, rotations, reminders, register);

  if (!testMode) {
    return undefined;
  }
  // The tests' handles load the features when first read, so activation is measured as in production.
  let exported: ExtensionExports | undefined;
  const loaded = () => (exported ??= load().testExports());
  return {
    get loadBalancers() { return loaded().loadBalancers; },
    get ram() { return loaded().ram; },
    get credentialIds() { return loaded().credentialIds; },
    get storage() { return loaded().storage; },
    get profiles() { return loaded().profiles; },
  };
}

/** Loads the features unasked only for what must happen without a click: rotations to offer, documents to watch for keys. */
function startWhenNeeded(load: () => Features, rotations: RotationJournal, reminders: RotationReminders, register: <T extends vscode.Disposable>(d: T) => T): void {
  void rotations.list().then(
    (entries) => (entries.length > 0 || reminders.due().length > 0 ? load().offerStartup() : undefined),
    () => load().offerStartup(), // an unreadable journal: the features say so
  );
  if (!vscode.workspace.getConfiguration(Settings.section).get<boolean>(Settings.leaksEnabled, true)) {
    return;
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const soon = () => {
    timer ??= setTimeout(() => load(), LEAK_GUARD_DELAY_MS);
  };
  if (vscode.workspace.textDocuments.some((d) => d.uri.scheme === 'file' || d.uri.scheme === 'untitled')) {
    soon();
  }
  register(vscode.workspace.onDidOpenTextDocument(soon));
  register(new vscode.Disposable(() => timer && clearTimeout(timer)));
}

export function deactivate(): void {}
