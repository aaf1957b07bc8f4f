import * as vscode from 'vscode';
import { t } from '../../util/l10n';
import { UserFacingError } from '../../util/errors';
import type { LoadBalancersView } from '../../views/slb/loadBalancersView';
import { resolveLoadBalancer } from './pickLoadBalancer';

/** Copy Address: the instance's service address (public or private IP) to the clipboard; returns it. */
export async function copyLoadBalancerAddress(view: LoadBalancersView, arg?: unknown): Promise<string> {
  const lb = await resolveLoadBalancer(view, arg);
  if (!lb.address) {
    throw new UserFacingError(t('The load balancer {0} has no address yet.', lb.loadBalancerId));
  }
  await vscode.env.clipboard.writeText(lb.address);
  vscode.window.setStatusBarMessage(t('Copied {0}', lb.address), 3000);
  return lb.address;
}
