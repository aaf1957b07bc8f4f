import * as vscode from 'vscode';
import { CloudClientFactory } from './aliyun/clientFactory';
import { registerCommands } from './commands/registerCommands';
import { readCloudSettings } from './config';
import { OutputChannelName } from './constants';
import { ActiveProfile } from './credentials/activeProfile';
import { ActiveSession } from './credentials/activeSession';
import { ProfileStore } from './credentials/profileStore';
import { TestResults } from './credentials/testResults';
import { ProfileStatusBar } from './views/statusBar';
import { registerTreeCommands } from './views/tree/treeNode';

/** Composition only: build the parts, register them, nothing else. The Alibaba SDK loads on first call. */
export function activate(context: vscode.ExtensionContext): void {
  const register = <T extends vscode.Disposable>(d: T): T => {
    context.subscriptions.push(d);
    return d;
  };
  const log = register(vscode.window.createOutputChannel(OutputChannelName, { log: true }));
  const store = register(new ProfileStore(context.secrets, log));
  const active = register(new ActiveProfile(store, context.workspaceState, context.globalState));
  const results = register(new TestResults(context.globalState));
  const clients = new CloudClientFactory(readCloudSettings, log);
  const session = register(new ActiveSession(store, active, clients));
  const ctx = { store, active, results, clients, session, log, extension: context };

  register(new ProfileStatusBar(store, active, results));
  registerTreeCommands().forEach(register);
  registerCommands(ctx).forEach(register);
}

export function deactivate(): void {}
