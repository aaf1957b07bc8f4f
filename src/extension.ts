import * as vscode from 'vscode';
import { CloudClientFactory } from './aliyun/clientFactory';
import { registerCommands } from './commands/registerCommands';
import { readCloudSettings } from './config';
import { OutputChannelName } from './constants';
import { ActiveProfile } from './credentials/activeProfile';
import { ProfileStore } from './credentials/profileStore';
import { TestResults } from './credentials/testResults';
import { ProfileStatusBar } from './views/statusBar';

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

  register(new ProfileStatusBar(store, active, results));
  registerCommands({ store, active, results, clients, log }).forEach(register);
}

export function deactivate(): void {}
