import * as vscode from 'vscode';
import { t } from '../../util/l10n';
import type { LoadBalancersView } from '../../views/slb/loadBalancersView';
import { consoleUrlOf } from './openLoadBalancerInConsole';
import { resolveLoadBalancer } from './pickLoadBalancer';

/** Copy Console Link: the instance's console page, to paste into a ticket or a chat; returns it. */
export async function copyLoadBalancerConsoleLink(view: LoadBalancersView, arg?: unknown): Promise<string> {
  const lb = await resolveLoadBalancer(view, arg);
  const url = await consoleUrlOf(view, lb);
  await vscode.env.clipboard.writeText(url);
  vscode.window.setStatusBarMessage(t('Copied {0}', url), 3000);
  return url;
}
