/**
 * SLB (CLB) 2014-05-15: DescribeRegions, DescribeLoadBalancers, DescribeLoadBalancerAttribute.
 */
import { ActionContext, ProductDef, ResponseBody, param } from './api';
import { Errors } from './errors';
import { REGIONS, slbEndpoint } from './regions';
import { LoadBalancer } from './state';

type Lang = 'zh-CN' | 'en-US' | 'ja';

function describeRegions(ctx: ActionContext): ResponseBody {
  const raw = param(ctx, 'AcceptLanguage');
  const lang: Lang = raw === 'en-US' || raw === 'ja' ? raw : 'zh-CN';
  const known = new Set(REGIONS.map((r) => r.regionId));
  const list = REGIONS.map((r) => ({ RegionId: r.regionId, LocalName: r.names[lang], RegionEndpoint: slbEndpoint(r.regionId) }));
  for (const id of ctx.state.regionIds) {
    if (!known.has(id)) {
      list.push({ RegionId: id, LocalName: id, RegionEndpoint: slbEndpoint(id) });
    }
  }
  return { Regions: { Region: list } };
}

function intParam(ctx: ActionContext, name: string, min: number, max: number, fallback: number): number {
  const raw = param(ctx, name);
  if (raw === undefined) {
    return fallback;
  }
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw Errors.slbInvalidParameter(name);
  }
  return Number(raw);
}

function listParam(ctx: ActionContext, name: string, max: number): Set<string> | undefined {
  const raw = param(ctx, name);
  if (raw === undefined) {
    return undefined;
  }
  const items = raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (items.length > max) {
    throw Errors.slbInvalidParameter(name);
  }
  return new Set(items);
}

function regionAlias(regionId: string): string {
  return regionId.startsWith('cn-') ? regionId.slice(3) : regionId;
}

function chargeTypeCode(t: string): string {
  return t === 'paybybandwidth' ? '3' : '4';
}

function lbJson(lb: LoadBalancer): ResponseBody {
  return {
    LoadBalancerId: lb.loadBalancerId,
    LoadBalancerName: lb.loadBalancerName,
    LoadBalancerStatus: lb.loadBalancerStatus,
    Address: lb.address,
    AddressType: lb.addressType,
    AddressIPVersion: lb.addressIPVersion,
    NetworkType: lb.networkType,
    VpcId: lb.vpcId,
    VSwitchId: lb.vSwitchId,
    RegionId: lb.regionId,
    RegionIdAlias: regionAlias(lb.regionId),
    MasterZoneId: lb.masterZoneId,
    SlaveZoneId: lb.slaveZoneId,
    CreateTime: lb.createTime,
    CreateTimeStamp: lb.createTimeMs,
    PayType: lb.payType,
    InstanceChargeType: 'PayBySpec',
    LoadBalancerSpec: lb.loadBalancerSpec,
    InternetChargeType: chargeTypeCode(lb.internetChargeType),
    InternetChargeTypeAlias: lb.internetChargeType,
    Bandwidth: lb.bandwidth,
    DeleteProtection: lb.deleteProtection,
    ModificationProtectionStatus: 'NonProtection',
    ModificationProtectionReason: '',
    ResourceGroupId: lb.resourceGroupId,
    Tags: { Tag: lb.tags.map((t) => ({ TagKey: t.tagKey, TagValue: t.tagValue })) },
  };
}

function checkRegion(ctx: ActionContext, regionId: string): void {
  if (!ctx.state.regionIds.has(regionId)) {
    throw Errors.regionNotFound();
  }
}

function describeLoadBalancers(ctx: ActionContext): ResponseBody {
  const regionId = param(ctx, 'RegionId') ?? '';
  checkRegion(ctx, regionId);
  const pageNumber = intParam(ctx, 'PageNumber', 1, 1_000_000, 1);
  const pageSize = intParam(ctx, 'PageSize', 1, 100, 10);
  const ids = listParam(ctx, 'LoadBalancerId', 10);
  const names = listParam(ctx, 'LoadBalancerName', 10);
  const eq = (name: string): string | undefined => param(ctx, name);
  const address = eq('Address');
  const status = eq('LoadBalancerStatus');
  const addressType = eq('AddressType');
  const networkType = eq('NetworkType')?.toLowerCase();
  const vpcId = eq('VpcId');
  const vSwitchId = eq('VSwitchId');
  const payType = eq('PayType');
  const chargeType = eq('InternetChargeType');
  const ipVersion = eq('AddressIPVersion');
  const masterZone = eq('MasterZoneId');
  const slaveZone = eq('SlaveZoneId');
  const resourceGroup = eq('ResourceGroupId');
  const serverId = eq('ServerId');
  const serverIp = eq('ServerIntranetAddress');
  const tags: { key: string; value?: string }[] = [];
  for (let i = 1; i <= 20; i++) {
    const key = param(ctx, `Tag.${i}.Key`);
    if (key !== undefined) {
      tags.push({ key, value: param(ctx, `Tag.${i}.Value`) });
    }
  }
  if (status !== undefined && !['active', 'inactive', 'locked'].includes(status)) {
    throw Errors.slbInvalidParameter('LoadBalancerStatus');
  }
  if (networkType !== undefined && !['vpc', 'classic'].includes(networkType)) {
    throw Errors.slbInvalidParameter('NetworkType');
  }
  if (addressType !== undefined && !['internet', 'intranet'].includes(addressType)) {
    throw Errors.slbInvalidParameter('AddressType');
  }

  const all = ctx.caller.account.lbsByRegion.get(regionId) ?? [];
  const matched = all.filter(
    (lb) =>
      (ids === undefined || ids.has(lb.loadBalancerId)) &&
      (names === undefined || names.has(lb.loadBalancerName)) &&
      (address === undefined || lb.address === address) &&
      (status === undefined || lb.loadBalancerStatus === status) &&
      (addressType === undefined || lb.addressType === addressType) &&
      (networkType === undefined || lb.networkType === networkType) &&
      (vpcId === undefined || lb.vpcId === vpcId) &&
      (vSwitchId === undefined || lb.vSwitchId === vSwitchId) &&
      (payType === undefined || lb.payType === payType) &&
      (chargeType === undefined || lb.internetChargeType === chargeType) &&
      (ipVersion === undefined || lb.addressIPVersion === ipVersion) &&
      (masterZone === undefined || lb.masterZoneId === masterZone) &&
      (slaveZone === undefined || lb.slaveZoneId === slaveZone) &&
      (resourceGroup === undefined || lb.resourceGroupId === resourceGroup) &&
      (serverId === undefined || lb.backendServers.some((b) => b.serverId === serverId)) &&
      (serverIp === undefined || lb.backendServers.some((b) => b.serverIp === serverIp)) &&
      tags.every((t) => lb.tags.some((x) => x.tagKey === t.key && (t.value === undefined || x.tagValue === t.value))),
  );
  const start = (pageNumber - 1) * pageSize;
  return {
    PageNumber: pageNumber,
    PageSize: pageSize,
    TotalCount: matched.length,
    LoadBalancers: { LoadBalancer: matched.slice(start, start + pageSize).map(lbJson) },
  };
}

function describeLoadBalancerAttribute(ctx: ActionContext): ResponseBody {
  const id = param(ctx, 'LoadBalancerId') ?? '';
  const regionId = param(ctx, 'RegionId');
  if (regionId !== undefined) {
    checkRegion(ctx, regionId);
  }
  const hit = ctx.state.lbById.get(id);
  if (!hit || hit.account !== ctx.caller.account || (regionId !== undefined && hit.lb.regionId !== regionId)) {
    throw Errors.slbLoadBalancerNotFound();
  }
  const lb = hit.lb;
  const prepaid = lb.payType === 'PrePay';
  const endMs = prepaid ? lb.createTimeMs + 365 * 24 * 3600_000 : Date.UTC(2999, 8, 8, 16, 0, 0);
  return {
    ...lbJson(lb),
    EndTime: new Date(endMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    EndTimeStamp: endMs,
    AutoReleaseTime: 0,
    RenewalStatus: prepaid ? 'AutoRenewal' : 'Normal',
    HasReservedInfo: 'false',
    ListenerPorts: { ListenerPort: lb.listeners.map((l) => l.port) },
    ListenerPortsAndProtocal: {
      ListenerPortAndProtocal: lb.listeners.map((l) => ({ ListenerPort: l.port, ListenerProtocal: l.protocol })),
    },
    ListenerPortsAndProtocol: {
      ListenerPortAndProtocol: lb.listeners.map((l) => ({
        ListenerPort: l.port,
        ListenerProtocol: l.protocol,
        ListenerForward: l.listenerForward,
        ForwardPort: l.forwardPort,
        Description: l.description,
      })),
    },
    BackendServers: {
      BackendServer: lb.backendServers.map((b) => ({
        ServerId: b.serverId,
        Weight: b.weight,
        Type: b.type,
        ServerIp: b.serverIp,
        VpcId: b.vpcId,
        Description: b.description,
      })),
    },
  };
}

export const SLB: ProductDef = {
  product: 'slb',
  code: 'Slb',
  version: '2014-05-15',
  actions: {
    DescribeRegions: { handler: describeRegions, authAction: 'slb:DescribeRegions' },
    DescribeLoadBalancers: { handler: describeLoadBalancers, authAction: 'slb:DescribeLoadBalancers', required: ['RegionId'] },
    DescribeLoadBalancerAttribute: {
      handler: describeLoadBalancerAttribute,
      authAction: 'slb:DescribeLoadBalancerAttribute',
      required: ['LoadBalancerId'],
    },
  },
  hostId: (params) => {
    const region = params.get('RegionId');
    return region ? slbEndpoint(region) : 'slb.aliyuncs.com';
  },
  denied: (detail) => Errors.slbForbiddenRam(detail),
};
