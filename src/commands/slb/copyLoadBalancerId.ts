import * as vscode from 'vscode';
import { t } from '../../util/l10n';
import type { LoadBalancersView } from '../../views/slb/loadBalancersView';
import { resolveLoadBalancer } from './pickLoadBalancer';

/** Copy ID: the instance's `lb-…` id to the clipboard; returns it. */
export async function copyLoadBalancerId(view: LoadBalancersView, arg?: unknown): Promise<string> {
  const lb = await resolveLoadBalancer(view, arg);
  await vscode.env.clipboard.writeText(lb.loadBalancerId);
  vscode.window.setStatusBarMessage(t('Copied {0}', lb.loadBalancerId), 3000);
  return lb.loadBalancerId;
}
