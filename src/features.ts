// Everything that only a command, a look at a tree or an open document needs: loaded on first use
// (dist/features.js), so activation loads just the kernel (dist/extension.js).
import * as vscode from 'vscode';
import type { CloudClientFactory } from './aliyun/clientFactory';
import { wrapCommand, registerCommand } from './commands/commandWrapper';
import type { CommandContext } from './commands/context';
import { registerLeakGuard } from './commands/leaks/registerLeakGuard';
import { registerProgramCommands } from './commands/programs/registerProgramCommands';
import { ramExports, type RamExports } from './commands/ram/ramExports';
import { offerUnfinishedRotations } from './commands/ram/rotationStartup';
import { registerCommands, type RegisterCommand } from './commands/registerCommands';
import type { Consent } from './commands/consent';
import type { ActiveProfile } from './credentials/activeProfile';
import type { CloudSsoServices } from './credentials/cloudSso/services';
import { KeyAgeTracker } from './credentials/keys/keyAge';
import { KeyRotation } from './credentials/keys/rotation';
import type { RotationJournal } from './credentials/keys/rotationJournal';
import type { RotationReminders } from './credentials/keys/rotationReminders';
import type { Profile } from './credentials/profile';
import type { ProfileSessions } from './credentials/profileSessions';
import type { ProfileStore } from './credentials/profileStore';
import type { ProgramServing } from './credentials/serving/programServing';
import type { SharedSecrets } from './credentials/sharedSecrets';
import type { TerminalEnvironment } from './credentials/terminalEnvironment';
import type { TestResults } from './credentials/testResults';
import { ProfilesView } from './views/profiles/profilesView';
import { RamExplorer } from './views/ram/ramExplorer';
import { LoadBalancersView } from './views/slb/loadBalancersView';
import type { ProfileStatusBar } from './views/statusBar';
import type { LazyTreeProvider, MakeTreeView } from './views/tree/lazyTreeProvider';
import { registerTreeCommands } from './views/tree/treeNode';

/** What activation built and the features work with. */
export interface Kernel {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly secrets: SharedSecrets;
  readonly store: ProfileStore;
  readonly active: ActiveProfile;
  readonly results: TestResults;
  readonly clients: CloudClientFactory;
  readonly sessions: ProfileSessions;
  readonly terminal: TerminalEnvironment;
  readonly consent: Consent;
  readonly rotations: RotationJournal;
  readonly reminders: RotationReminders;
  readonly statusBar: ProfileStatusBar;
  /** The ids of the contributed commands: activation registered a stub for each. */
  readonly contributed: ReadonlySet<string>;
  /** The views made at activation over lazy providers, by view id. */
  readonly trees: ReadonlyMap<string, { readonly provider: LazyTreeProvider<unknown>; readonly view: vscode.TreeView<unknown> }>;
  /** The credentials endpoint for the person's programs, loaded on first use (see programServingOnDemand); its commands load here. */
  readonly serving: () => ProgramServing;
  /** CloudSSO sign-ins (tokens in secret storage), CloudSSO profiles' credentials and the portal client. */
  readonly cloudSso: CloudSsoServices;
}

/** What activate() returns under a test runner only (see extension.ts). */
export interface ExtensionExports {
  readonly loadBalancers: LoadBalancersView;
  readonly ram: RamExports;
  readonly credentialIds: (profileId: string, times: number) => Promise<string[]>;
  readonly storage: { readonly globalStorageUri: vscode.Uri; readonly storageUri?: vscode.Uri; readonly logUri: vscode.Uri };
  readonly profiles: {
    list(): Promise<Profile[]>; statusBar: ProfileStatusBar; view: ProfilesView;
    readonly secretsStale: () => Promise<boolean>;
  };
}

export interface Features extends vscode.Disposable {
  /** Runs a contributed command (its stub calls this). */
  run(id: string, args: unknown[]): Promise<unknown>;
  /** Offers unfinished rotations and due reminders, as at every start. */
  offerStartup(): Promise<unknown>;
  testExports(): ExtensionExports;
}

/** Builds the views, the commands and the leak guard on the kernel; wires the lazy trees to them. */
export function activateFeatures(kernel: Kernel): Features {
  const { context, log, store, sessions } = kernel;
  const disposables: vscode.Disposable[] = [];
  const add = <T extends vscode.Disposable>(d: T): T => (disposables.push(d), d);
  const makeTreeView: MakeTreeView = <T>(viewId: string, options: vscode.TreeViewOptions<T>) => {
    const tree = kernel.trees.get(viewId);
    if (!tree) {
      return vscode.window.createTreeView(viewId, options);
    }
    tree.provider.setTarget(options.treeDataProvider as vscode.TreeDataProvider<unknown>);
    return tree.view as vscode.TreeView<T>;
  };
  const loadBalancers = add(new LoadBalancersView(sessions, context.workspaceState, log, makeTreeView));
  const ram = add(new RamExplorer(sessions, store, log, makeTreeView));
  const profilesView = add(new ProfilesView(store, kernel.active, kernel.results, kernel.terminal, makeTreeView, kernel.cloudSso));
  const rotation = new KeyRotation({ journal: kernel.rotations, profiles: store, sessions, clients: kernel.clients, reminders: kernel.reminders, log });
  const ctx: CommandContext = {
    store, active: kernel.active, results: kernel.results, sessions, log, loadBalancers, ram,
    rotations: kernel.rotations, rotation, reminders: kernel.reminders, terminal: kernel.terminal, consent: kernel.consent,
    cloudSso: kernel.cloudSso,
  };
  add(new KeyAgeTracker(kernel.results, store, sessions, log));

  const handlers = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  const register: RegisterCommand = (id, handler) => {
    if (!kernel.contributed.has(id)) {
      return registerCommand(id, handler, log);
    }
    handlers.set(id, wrapCommand(id, handler, log));
    return new vscode.Disposable(() => handlers.delete(id));
  };
  registerTreeCommands().forEach(add);
  registerCommands(ctx, register).forEach(add);
  registerLeakGuard(ctx, context.workspaceState, register).forEach(add);
  registerProgramCommands(ctx, kernel.serving, register).forEach(add);

  return {
    async run(id, args) {
      const handler = handlers.get(id);
      if (!handler) {
        log.error(`[features] no handler for ${id}`);
        return undefined;
      }
      return handler(...args);
    },
    offerStartup: () => offerUnfinishedRotations(ctx),
    testExports: () => ({
      loadBalancers, ram: ramExports(ctx),
      credentialIds: (profileId, times) => Promise.all(Array.from({ length: times }, async () => {
        const profile = await store.get(profileId);
        return profile ? (await sessions.credentials(profile)).accessKeyId : '';
      })),
      storage: { globalStorageUri: context.globalStorageUri, storageUri: context.storageUri, logUri: context.logUri },
      profiles: { list: () => store.list(), statusBar: kernel.statusBar, view: profilesView, secretsStale: () => kernel.secrets.check() },
    }),
    dispose: () => vscode.Disposable.from(...disposables).dispose(),
  };
}
