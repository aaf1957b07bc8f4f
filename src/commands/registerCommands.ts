import * as vscode from 'vscode';
import { Commands } from '../constants';
import { addProfile, type AddProfileArgs } from './addProfile';
import { registerCommand } from './commandWrapper';
import type { CommandContext } from './context';
import { selectProfile, type SelectProfileArgs } from './selectProfile';
import { registerProfileCommands } from './profiles/registerProfileCommands';
import { testCredentials, type TestCredentialsArgs } from './testCredentials';
import { clearLoadBalancerFilter } from './slb/clearLoadBalancerFilter';
import { copyLoadBalancerAddress } from './slb/copyLoadBalancerAddress';
import { copyLoadBalancerConsoleLink } from './slb/copyLoadBalancerConsoleLink';
import { copyLoadBalancerId } from './slb/copyLoadBalancerId';
import { filterLoadBalancers, type FilterArgs } from './slb/filterLoadBalancers';
import { findInAllRegions, type FindInAllRegionsArgs } from './slb/findInAllRegions';
import { openLoadBalancerInConsole } from './slb/openLoadBalancerInConsole';
import { refreshLoadBalancers } from './slb/refreshLoadBalancers';
import { showAllRegions } from './slb/showAllRegions';
import { registerRamCommands } from './ram/registerRamCommands';
import { registerCloudSsoCommands } from './cloudSso/registerCloudSsoCommands';

/** How a command's handler is registered: with VS Code directly, or behind a stub made at activation. */
export type RegisterCommand = (id: string, handler: (...args: unknown[]) => Promise<unknown>) => vscode.Disposable;

export function registerCommands(ctx: CommandContext, register?: RegisterCommand): vscode.Disposable[] {
  const reg: RegisterCommand = register ?? ((id, handler) => registerCommand(id, handler, ctx.log));
  return [
    reg(Commands.addProfile, (args) => addProfile(ctx, args as AddProfileArgs | undefined)),
    reg(Commands.selectProfile, (args) => selectProfile(ctx, args as SelectProfileArgs | undefined)),
    reg(Commands.testCredentials, (args) => testCredentials(ctx, args as TestCredentialsArgs | undefined)),
    reg(Commands.showLog, async () => ctx.log.show()),
    // Profiles: edit, rename, duplicate, delete, region, import, export, terminal
    ...registerProfileCommands(ctx, reg),
    // CloudSSO: sign in, switch, sign in again, sign out
    ...registerCloudSsoCommands(ctx, reg),
    // Load Balancers view
    reg(Commands.slbRefresh, () => refreshLoadBalancers(ctx.loadBalancers)),
    reg(Commands.slbFindInAllRegions, (args) => findInAllRegions(ctx.loadBalancers, args as FindInAllRegionsArgs | undefined)),
    reg(Commands.slbShowAllRegions, () => showAllRegions(ctx.loadBalancers)),
    reg(Commands.slbFilter, (args) => filterLoadBalancers(ctx.loadBalancers, args as FilterArgs | undefined)),
    reg(Commands.slbClearFilter, () => clearLoadBalancerFilter(ctx.loadBalancers)),
    reg(Commands.slbCopyId, (arg) => copyLoadBalancerId(ctx.loadBalancers, arg)),
    reg(Commands.slbCopyAddress, (arg) => copyLoadBalancerAddress(ctx.loadBalancers, arg)),
    reg(Commands.slbOpenInConsole, (arg) => openLoadBalancerInConsole(ctx.loadBalancers, arg)),
    reg(Commands.slbCopyConsoleLink, (arg) => copyLoadBalancerConsoleLink(ctx.loadBalancers, arg)),
    // RAM view and the AccessKey lifecycle
    ...registerRamCommands(ctx, reg),
  ];
}
