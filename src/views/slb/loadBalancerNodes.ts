import * as vscode from 'vscode';
import type { BackendServer, Listener, LoadBalancer } from '../../aliyun/types';
import { errorMessage, SafeError } from '../../util/errors';
import { t } from '../../util/l10n';
import { ErrorNode, MessageNode, type TreeNode } from '../tree/treeNode';
import type { LoadBalancerModel } from './loadBalancerModel';
import type { RegionEntry } from './slbRegions';

/** What nodes need from the view: the model, and a way to redraw after a Retry. */
export interface SlbTreeContext {
  readonly model: LoadBalancerModel;
  refresh(): void;
}

const base = (profileId: string) => `profile/${profileId}/slb`;

/** The root: regions (or, after "Find in all regions", the regions with instances), or why there are none. */
export async function rootNodes(ctx: SlbTreeContext): Promise<TreeNode[]> {
  let view;
  try {
    view = await ctx.model.regions();
  } catch (error) {
    const profile = await ctx.model.profile();
    return [new ErrorNode(`${base(profile?.id ?? 'none')}/regions/error`, error, () => ctx.model.forgetRegions())];
  }
  if (!view) {
    return []; // no usable profile: the view's welcome content explains
  }
  const { profile, regions } = view;
  const scan = ctx.model.scan;
  if (!scan) {
    return regions.map((r) => new RegionNode(ctx, profile.id, r));
  }
  const byId = new Map(regions.map((r) => [r.regionId, r]));
  const nodes: TreeNode[] = [];
  for (const found of scan.found) {
    const region = byId.get(found.regionId) ?? { regionId: found.regionId, localName: found.regionId, home: found.regionId === profile.regionId };
    const matching = ctx.model.loaded(found.regionId)?.filter((lb) => ctx.model.matches(lb)).length ?? found.count;
    if (matching > 0) {
      nodes.push(new RegionNode(ctx, profile.id, region));
    }
  }
  for (const failed of scan.failed) {
    nodes.push(new ErrorNode(`${base(profile.id)}/scan/${failed.regionId}/error`,
      new ScanError(failed.regionId, failed.error), () => void ctx.model.rescanRegion(failed.regionId)));
  }
  if (nodes.length === 0) {
    nodes.push(new MessageNode(`${base(profile.id)}/scan/empty`, ctx.model.filter
      ? t('No load balancer matches "{0}" in any of the {1} regions.', ctx.model.filter, scan.scanned)
      : t('No load balancers in any of the {0} regions.', scan.scanned)));
  }
  return nodes;
}

/** A region that failed during the scan: its name in front of the usual message. */
class ScanError extends SafeError {
  constructor(readonly regionId: string, cause: unknown) {
    super(t('{0}: {1}', regionId, errorMessage(cause)), { cause });
    this.name = 'ScanError';
  }
}

export class RegionNode implements TreeNode {
  readonly id: string;

  constructor(private readonly ctx: SlbTreeContext, readonly profileId: string, readonly region: RegionEntry) {
    this.id = `${base(profileId)}/region/${region.regionId}`;
  }

  getTreeItem(): vscode.TreeItem {
    const { model } = this.ctx;
    const expanded = model.isExpanded(this.profileId, this.region);
    const item = new vscode.TreeItem(this.region.localName, expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    const loaded = model.loaded(this.region.regionId);
    const parts = [this.region.regionId];
    if (loaded) {
      const matching = loaded.filter((lb) => model.matches(lb)).length;
      parts.push(model.filter ? t('{0} of {1}', matching, loaded.length) : String(loaded.length));
    }
    item.description = parts.join(' · ');
    item.tooltip = this.region.home
      ? t('{0} ({1}), the region of the profile', this.region.localName, this.region.regionId)
      : `${this.region.localName} (${this.region.regionId})`;
    item.iconPath = new vscode.ThemeIcon(this.region.home ? 'home' : 'globe');
    item.contextValue = 'slbRegion';
    return item;
  }

  async getChildren(): Promise<TreeNode[]> {
    const { model } = this.ctx;
    let all: LoadBalancer[];
    try {
      all = await model.loadBalancers(this.region.regionId);
    } catch (error) {
      return [new ErrorNode(`${this.id}/error`, error, () => model.forgetRegion(this.region.regionId))];
    }
    if (all.length === 0) {
      return [new MessageNode(`${this.id}/empty`, t('No load balancers in this region'))];
    }
    const shown = all.filter((lb) => model.matches(lb));
    if (shown.length === 0) {
      return [new MessageNode(`${this.id}/nomatch`, t('None of the {0} load balancers matches "{1}"', all.length, model.filter ?? ''), 'filter')];
    }
    return shown.map((lb) => new LoadBalancerNode(this.ctx, this.id, lb));
  }
}

export class LoadBalancerNode implements TreeNode {
  readonly id: string;

  constructor(private readonly ctx: SlbTreeContext, parentId: string, readonly loadBalancer: LoadBalancer) {
    this.id = `${parentId}/lb/${loadBalancer.loadBalancerId}`;
  }

  getTreeItem(): vscode.TreeItem {
    const lb = this.loadBalancer;
    const item = new vscode.TreeItem(lb.loadBalancerName || lb.loadBalancerId, vscode.TreeItemCollapsibleState.Collapsed);
    item.description = [lb.loadBalancerId, lb.address, lb.loadBalancerStatus, lb.networkType, lb.loadBalancerSpec].filter(Boolean).join(' · ');
    item.tooltip = loadBalancerTooltip(lb);
    item.iconPath = statusIcon(lb.loadBalancerStatus);
    item.contextValue = 'lb';
    item.accessibilityInformation = {
      label: t('Load balancer {0}, {1}, address {2}, {3}', lb.loadBalancerName || lb.loadBalancerId, lb.loadBalancerId, lb.address, lb.loadBalancerStatus),
    };
    return item;
  }

  async getChildren(): Promise<TreeNode[]> {
    const lb = this.loadBalancer;
    let detail;
    try {
      detail = await this.ctx.model.detail(lb.regionId, lb.loadBalancerId);
    } catch (error) {
      return [new ErrorNode(`${this.id}/error`, error, () => this.ctx.model.forgetDetail(lb.regionId, lb.loadBalancerId))];
    }
    return [
      new GroupNode(`${this.id}/listeners`, t('Listeners'), 'slbListeners', 'plug',
        detail.listeners.map((l) => new ListenerNode(`${this.id}/listener/${l.protocol}/${l.port}`, l)), t('No listeners')),
      new GroupNode(`${this.id}/backends`, t('Backend servers'), 'slbBackendServers', 'server',
        detail.backendServers.map((b) => new BackendServerNode(`${this.id}/backend/${b.serverId}`, b)), t('No backend servers')),
    ];
  }
}

class GroupNode implements TreeNode {
  constructor(
    readonly id: string,
    private readonly label: string,
    private readonly contextValue: string,
    private readonly icon: string,
    private readonly children: TreeNode[],
    private readonly emptyLabel: string,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Expanded);
    item.description = String(this.children.length);
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.contextValue = this.contextValue;
    return item;
  }

  getChildren(): TreeNode[] {
    return this.children.length > 0 ? this.children : [new MessageNode(`${this.id}/empty`, this.emptyLabel)];
  }
}

class ListenerNode implements TreeNode {
  constructor(readonly id: string, private readonly listener: Listener) {}

  getTreeItem(): vscode.TreeItem {
    const l = this.listener;
    const item = new vscode.TreeItem(`${l.port}/${l.protocol.toUpperCase()}`, vscode.TreeItemCollapsibleState.None);
    const forward = l.forward === 'on' && l.forwardPort ? t('redirects to {0}', l.forwardPort) : undefined;
    item.description = [forward, l.description].filter(Boolean).join(' · ') || undefined;
    item.iconPath = new vscode.ThemeIcon('symbol-interface');
    item.contextValue = 'slbListener';
    return item;
  }
}

class BackendServerNode implements TreeNode {
  constructor(readonly id: string, private readonly server: BackendServer) {}

  getTreeItem(): vscode.TreeItem {
    const b = this.server;
    const item = new vscode.TreeItem(b.serverId, vscode.TreeItemCollapsibleState.None);
    item.description = [b.serverIp, t('weight {0}', b.weight), b.type].filter(Boolean).join(' · ');
    item.tooltip = b.description || undefined;
    item.iconPath = new vscode.ThemeIcon(b.weight > 0 ? 'vm' : 'vm-outline');
    item.contextValue = 'slbBackendServer';
    return item;
  }
}

function statusIcon(status: string): vscode.ThemeIcon {
  switch (status) {
    case 'active':
      return new vscode.ThemeIcon('circle-filled', new vscode.ThemeColor('testing.iconPassed'));
    case 'locked':
      return new vscode.ThemeIcon('lock', new vscode.ThemeColor('list.warningForeground'));
    default:
      return new vscode.ThemeIcon('circle-outline', new vscode.ThemeColor('disabledForeground'));
  }
}

function loadBalancerTooltip(lb: LoadBalancer): vscode.MarkdownString {
  const tip = new vscode.MarkdownString(undefined, true);
  tip.isTrusted = false;
  const row = (label: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') {
      tip.appendMarkdown(`${label}: `);
      tip.appendText(String(value));
      tip.appendMarkdown('  \n');
    }
  };
  tip.appendMarkdown('**');
  tip.appendText(lb.loadBalancerName || lb.loadBalancerId);
  tip.appendMarkdown('**\n\n');
  row(t('ID'), lb.loadBalancerId);
  row(t('Status'), lb.loadBalancerStatus);
  row(t('Address'), [lb.address, lb.addressType, lb.addressIPVersion].filter(Boolean).join(' · '));
  row(t('Network'), [lb.networkType, lb.vpcId, lb.vSwitchId].filter(Boolean).join(' · '));
  row(t('Region'), lb.regionId);
  row(t('Zones'), [lb.masterZoneId, lb.slaveZoneId].filter(Boolean).join(' / '));
  row(t('Specification'), lb.loadBalancerSpec);
  row(t('Billing'), [lb.payType, lb.internetChargeType, lb.bandwidth !== undefined && lb.bandwidth > 0 ? `${lb.bandwidth} Mbit/s` : undefined].filter(Boolean).join(' · '));
  row(t('Resource group'), lb.resourceGroupId);
  row(t('Deletion protection'), lb.deleteProtection);
  row(t('Created'), lb.createTime);
  if (lb.tags && lb.tags.length > 0) {
    row(t('Tags'), lb.tags.map((tag) => `${tag.key}=${tag.value}`).join(', '));
  }
  return tip;
}
