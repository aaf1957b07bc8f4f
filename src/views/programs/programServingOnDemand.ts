import * as vscode from 'vscode';
import type { ProgramServing } from '../../credentials/serving/programServing';
import { openDoors } from '../../credentials/serving/servingDoors';
import type { ProgramServingHost, ProgramServingParts } from './startProgramServing';

/**
 * Credentials for programs load when something needs them, so a window that never serves does not
 * pay for the endpoint at start: at activation where a door was left open or terminals expect the
 * endpoint (revived terminals and tasks hold its address), on the first debug session (the resolver
 * is registered now, so it is there before the first F5), or on the first command that uses it.
 */
export function programServingOnDemand(host: ProgramServingHost, register: <T extends vscode.Disposable>(d: T) => T): () => ProgramServing {
  let parts: ProgramServingParts | undefined;
  const load = (): ProgramServingParts => {
    if (!parts) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require('./startProgramServing') as typeof import('./startProgramServing');
      parts = module.startProgramServing(host, register);
    }
    return parts;
  };
  const { terminal } = host;
  if (openDoors(host.context.workspaceState).length > 0 || (terminal.enabled && terminal.mode === 'endpoint')) {
    load();
  }
  register(vscode.debug.registerDebugConfigurationProvider('*', {
    resolveDebugConfigurationWithSubstitutedVariables: (folder, config) => load().debug.resolveDebugConfigurationWithSubstitutedVariables(folder, config),
  }));
  return () => load().serving;
}
