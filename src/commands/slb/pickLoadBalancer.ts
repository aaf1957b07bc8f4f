import * as vscode from 'vscode';
import type { LoadBalancer } from '../../aliyun/types';
import { t } from '../../util/l10n';
import { UserCancelled, UserFacingError } from '../../util/errors';
import { LoadBalancerNode } from '../../views/slb/loadBalancerNodes';
import type { LoadBalancersView } from '../../views/slb/loadBalancersView';
import { isArgs } from '../args';

/** For programmatic use: which instance (the region speeds up the lookup, and is needed for one not loaded yet). */
export interface LoadBalancerArgs {
  loadBalancerId?: string;
  regionId?: string;
}

/** The instance a command acts on: the tree node it was run on, the one named in args, or one picked from the loaded ones. */
export async function resolveLoadBalancer(view: LoadBalancersView, arg: unknown): Promise<LoadBalancer> {
  if (arg instanceof LoadBalancerNode) {
    return arg.loadBalancer;
  }
  const args = isArgs(arg) ? (arg as LoadBalancerArgs) : undefined;
  const { model } = view;
  if (args?.loadBalancerId) {
    const known = model.allLoaded().find((lb) => lb.loadBalancerId === args.loadBalancerId && (!args.regionId || lb.regionId === args.regionId));
    if (known) {
      return known;
    }
    if (args.regionId) {
      return model.detail(args.regionId, args.loadBalancerId);
    }
    throw new UserFacingError(t('The load balancer {0} is not loaded. Expand its region first, or give its regionId.', args.loadBalancerId));
  }
  let loaded = model.allLoaded();
  if (loaded.length === 0) {
    const profile = await model.profile();
    if (!profile) {
      throw new UserFacingError(t('There is no Alibaba Cloud profile. Add one first.'));
    }
    loaded = await model.loadBalancers(profile.regionId);
  }
  if (loaded.length === 0) {
    throw new UserFacingError(t('No load balancers are loaded. Expand a region in the Load Balancers view, or run Find in All Regions.'));
  }
  const pick = await vscode.window.showQuickPick(
    loaded.map((lb) => ({ label: lb.loadBalancerName || lb.loadBalancerId, description: `${lb.loadBalancerId} · ${lb.address}`, detail: lb.regionId, lb })),
    { title: t('Choose a load balancer'), matchOnDescription: true, matchOnDetail: true },
  );
  if (!pick) {
    throw new UserCancelled();
  }
  return pick.lb;
}
