import * as vscode from 'vscode';
import { consoleSite, loadBalancerConsoleUrl } from '../../aliyun/console';
import type { LoadBalancer } from '../../aliyun/types';
import { readConsoleSiteSetting } from '../../config';
import type { LoadBalancersView } from '../../views/slb/loadBalancersView';
import { resolveLoadBalancer } from './pickLoadBalancer';

/** The instance's page in the SLB console of the account's site (`alibabaCloud.consoleSite`; `auto` guesses from the profile's region). */
export async function consoleUrlOf(view: LoadBalancersView, lb: LoadBalancer): Promise<string> {
  const profile = await view.model.profile();
  return loadBalancerConsoleUrl(consoleSite(readConsoleSiteSetting(), profile?.regionId), lb.regionId, lb.loadBalancerId);
}

/** Open in Console: the instance's console page in the browser. Returns the URL. */
export async function openLoadBalancerInConsole(view: LoadBalancersView, arg?: unknown): Promise<string> {
  const lb = await resolveLoadBalancer(view, arg);
  const url = await consoleUrlOf(view, lb);
  await vscode.env.openExternal(vscode.Uri.parse(url));
  return url;
}
