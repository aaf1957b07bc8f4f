import * as vscode from 'vscode';
import { Commands, Settings } from '../../constants';
import type { ProgramServing } from '../../credentials/serving/programServing';
import {
  DEFAULT_ENV_FILE_TYPES, debugDecision, envFileKeys, SDK_MANIFESTS, usesAlibabaSdk, withEndpointVariables,
} from '../../credentials/serving/debugSessions';
import { t } from '../../util/l10n';
import type { Log } from '../../util/log';

const ASKED_KEY = 'alibabaCloud.programs.debugAsked';

/**
 * Adds the credentials endpoint's variables to launch configurations of the debug types whose
 * `env` is the program's environment, once the person agreed for this workspace; asks (through the
 * hidden command, which loads with the other commands) when the setting wants it or, once, when a
 * workspace that depends on an Alibaba Cloud SDK starts debugging. Runs after variables are
 * substituted, so an envFile's path is final; the configuration's own values always win.
 */
export class ServingDebugResolver implements vscode.DebugConfigurationProvider {
  private declinedHere = false;
  private noticeShown = false;

  constructor(private readonly serving: ProgramServing, private readonly workspaceState: vscode.Memento, private readonly log: Log) {}

  async resolveDebugConfigurationWithSubstitutedVariables(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration> {
    try {
      return await this.resolve(folder, config);
    } catch (error) {
      this.log.warn(`[serve] debug session "${String(config.name)}" gets no credentials endpoint: ${error instanceof Error ? error.name : 'error'}`);
      return config; // never stop the person's debug session
    }
  }

  private async resolve(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration> {
    const decision = debugDecision({
      type: String(config.type), request: String(config.request), setting: explicitSetting(folder),
      doorOpen: this.serving.isOpen('debug'), serving: this.serving.state().serving,
      askedBefore: this.workspaceState.get<boolean>(ASKED_KEY) === true, declinedHere: this.declinedHere,
    });
    switch (decision) {
      case 'skip':
        return config;
      case 'notServing':
        this.notServing();
        return config;
      case 'askIfSdk':
        if (!(await workspaceUsesSdk(folder))) {
          return config;
        }
        await this.workspaceState.update(ASKED_KEY, true);
        return this.ask(folder, config, 'sdk');
      case 'ask':
        return this.ask(folder, config, 'setting');
      case 'add':
        return this.withVariables(folder, config);
    }
  }

  /** The question (and, for an AccessKey profile, the role) in a modal; declined: not again in this window. */
  private async ask(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration, because: 'sdk' | 'setting'): Promise<vscode.DebugConfiguration> {
    await vscode.commands.executeCommand(Commands.programsAskForDebugSessions, { because });
    if (!this.serving.isOpen('debug')) {
      this.declinedHere = true;
      return config;
    }
    return this.withVariables(folder, config);
  }

  private async withVariables(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration> {
    const served = await this.serving.variables();
    if (!served) {
      this.notServing();
      return config;
    }
    const own = await envFileOf(folder, config);
    const { env, added, kept } = withEndpointVariables(config.env as Record<string, string | null> | undefined, served.variables, own);
    this.log.info(`[serve] debug session "${String(config.name)}" (${String(config.type)}) gets the credentials endpoint (profile "${served.profileName ?? ''}")${kept.length ? `; it keeps its own ${kept.join(', ')}` : ''}`);
    return added.length ? { ...config, env } : config;
  }

  private notServing(): void {
    if (this.noticeShown) {
      return;
    }
    this.noticeShown = true;
    const again = t('Serve to Debug Sessions');
    void vscode.window.showWarningMessage(t('Debug sessions get no Alibaba Cloud credentials: the credentials endpoint is not serving.'), again).then((choice) => {
      if (choice === again) {
        void vscode.commands.executeCommand(Commands.programsUseInDebugSessions);
      }
    });
  }
}

/** The setting's value where it is set (folder, workspace, user), or undefined when set nowhere. */
function explicitSetting(folder: vscode.WorkspaceFolder | undefined): boolean | undefined {
  const inspected = vscode.workspace.getConfiguration(Settings.section, folder?.uri).inspect<boolean>(Settings.programsDebugSessions);
  return inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** The variables the configuration's env file sets (python's default `.env` when it names none). */
async function envFileOf(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): Promise<Set<string>> {
  const file = typeof config.envFile === 'string' && config.envFile
    ? vscode.Uri.file(config.envFile)
    : folder && DEFAULT_ENV_FILE_TYPES.includes(String(config.type)) ? vscode.Uri.joinPath(folder.uri, '.env') : undefined;
  const text = file ? await readText(file) : undefined;
  return text ? envFileKeys(text) : new Set();
}

async function workspaceUsesSdk(folder: vscode.WorkspaceFolder | undefined): Promise<boolean> {
  const folders = folder ? [folder] : vscode.workspace.workspaceFolders ?? [];
  for (const f of folders) {
    for (const name of SDK_MANIFESTS) {
      const text = await readText(vscode.Uri.joinPath(f.uri, name));
      if (text && usesAlibabaSdk(name, text)) {
        return true;
      }
    }
  }
  return false;
}
