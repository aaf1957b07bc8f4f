/**
 * SLB instances in the emulator's cloud, built from the seed with the contract's defaults.
 */
import type { SeedLoadBalancer } from './seedTypes';
import { isoSeconds, stableDigits } from './util';

export interface Listener {
  port: number;
  protocol: string;
  forwardPort: number;
  listenerForward: string;
  description: string;
}

export interface BackendServer {
  serverId: string;
  weight: number;
  serverIp: string;
  type: string;
  vpcId: string;
  description: string;
}

export interface LoadBalancer {
  regionId: string;
  loadBalancerId: string;
  loadBalancerName: string;
  loadBalancerStatus: string;
  address: string;
  addressType: string;
  addressIPVersion: string;
  networkType: string;
  vpcId: string;
  vSwitchId: string;
  loadBalancerSpec: string;
  payType: string;
  internetChargeType: string;
  bandwidth: number;
  masterZoneId: string;
  slaveZoneId: string;
  resourceGroupId: string;
  deleteProtection: string;
  createTime: string;
  createTimeMs: number;
  tags: { tagKey: string; tagValue: string }[];
  listeners: Listener[];
  backendServers: BackendServer[];
}

function octet(seed: string, i: number): number {
  return (parseInt(stableDigits(`${seed}#${i}`, 3), 10) % 254) + 1;
}

export function loadBalancerFromSeed(s: SeedLoadBalancer, loadedAtMs: number): LoadBalancer {
  const id = s.loadBalancerId;
  const addressType = s.addressType ?? 'internet';
  const networkType = s.networkType ?? 'vpc';
  const isVpc = networkType === 'vpc';
  const address =
    s.address ??
    (addressType === 'internet'
      ? `47.${octet(id, 1)}.${octet(id, 2)}.${octet(id, 3)}`
      : `192.168.${octet(id, 4)}.${octet(id, 5)}`);
  const createMs = s.createTime ? Date.parse(s.createTime) : loadedAtMs;
  const internetChargeType = s.internetChargeType ?? 'paybytraffic';
  return {
    regionId: s.regionId,
    loadBalancerId: id,
    loadBalancerName: s.loadBalancerName ?? 'auto_named_slb',
    loadBalancerStatus: s.loadBalancerStatus ?? 'active',
    address,
    addressType,
    addressIPVersion: s.addressIPVersion ?? 'ipv4',
    networkType,
    vpcId: s.vpcId ?? (isVpc ? `vpc-${stableDigits(`${s.regionId}/vpc`, 17)}` : ''),
    vSwitchId: s.vSwitchId ?? (isVpc ? `vsw-${stableDigits(`${s.regionId}/vsw`, 17)}` : ''),
    loadBalancerSpec: s.loadBalancerSpec ?? 'slb.s1.small',
    payType: s.payType ?? 'PayOnDemand',
    internetChargeType,
    bandwidth: s.bandwidth ?? (internetChargeType === 'paybytraffic' ? -1 : 5),
    masterZoneId: s.masterZoneId ?? `${s.regionId}-a`,
    slaveZoneId: s.slaveZoneId ?? `${s.regionId}-b`,
    resourceGroupId: s.resourceGroupId ?? `rg-acfm${stableDigits(`${s.regionId}/rg`, 11)}`,
    deleteProtection: s.deleteProtection ?? 'off',
    createTime: isoSeconds(createMs),
    createTimeMs: createMs,
    tags: (s.tags ?? []).map((t) => ({ ...t })),
    listeners: (s.listeners ?? []).map((l) => ({
      port: l.port,
      protocol: l.protocol,
      forwardPort: l.forwardPort ?? 0,
      listenerForward: l.listenerForward ?? 'off',
      description: l.description ?? '',
    })),
    backendServers: (s.backendServers ?? []).map((b, i) => ({
      serverId: b.serverId,
      weight: b.weight ?? 100,
      serverIp: b.serverIp ?? `192.168.${octet(id, 10 + i)}.${octet(b.serverId, 1)}`,
      type: b.type ?? 'ecs',
      vpcId: b.vpcId ?? (isVpc ? `vpc-${stableDigits(`${s.regionId}/vpc`, 17)}` : ''),
      description: b.description ?? '',
    })),
  };
}
