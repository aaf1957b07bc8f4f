/**
 * Seed validation of `loadBalancers[]` (SLB instances with listeners, backend servers and tags).
 */
import { Checker, REGION_RE } from './seedCheck';
import type { SeedBackendServer, SeedListener, SeedLoadBalancer, SeedTag } from './seedTypes';

const LB_FIELDS = ['regionId', 'loadBalancerId', 'loadBalancerName', 'loadBalancerStatus', 'address', 'addressType', 'addressIPVersion', 'networkType', 'vpcId', 'vSwitchId', 'loadBalancerSpec', 'payType', 'internetChargeType', 'bandwidth', 'masterZoneId', 'slaveZoneId', 'resourceGroupId', 'deleteProtection', 'createTime', 'tags', 'listeners', 'backendServers'] as const;

/** One load balancer at JSON path `lw`; `lbIds` (id → path) catches duplicates across the file. */
export function checkLoadBalancer(c: Checker, rawLb: unknown, lw: string, lbIds: Map<string, string>): SeedLoadBalancer {
  const l = c.object(rawLb, lw, LB_FIELDS);
  const regionId = c.requiredString(l, 'regionId', lw);
  if (!REGION_RE.test(regionId)) {
    c.fail(`${lw}.regionId`, `does not look like a region id such as "cn-hangzhou" (got ${JSON.stringify(regionId)})`);
  }
  const loadBalancerId = c.requiredString(l, 'loadBalancerId', lw);
  const prev = lbIds.get(loadBalancerId);
  if (prev) {
    c.fail(`${lw}.loadBalancerId`, `"${loadBalancerId}" is already used by ${prev}`);
  }
  lbIds.set(loadBalancerId, lw);
  const listeners = c.optionalArray(l, 'listeners', lw).map((rawL, i): SeedListener => {
    const w = `${lw}.listeners[${i}]`;
    const o = c.object(rawL, w, ['port', 'protocol', 'forwardPort', 'listenerForward', 'description']);
    const port = c.optionalInt(o, 'port', w, 1, 65535);
    if (port === undefined) {
      c.fail(`${w}.port`, 'is required');
    }
    return {
      port,
      protocol: c.optionalEnum(o, 'protocol', w, ['http', 'https', 'tcp', 'udp'] as const) ?? 'tcp',
      forwardPort: c.optionalInt(o, 'forwardPort', w, 0, 65535),
      listenerForward: c.optionalEnum(o, 'listenerForward', w, ['on', 'off'] as const),
      description: c.optionalString(o, 'description', w),
    };
  });
  const backendServers = c.optionalArray(l, 'backendServers', lw).map((rawB, i): SeedBackendServer => {
    const w = `${lw}.backendServers[${i}]`;
    const o = c.object(rawB, w, ['serverId', 'weight', 'serverIp', 'type', 'vpcId', 'description']);
    return {
      serverId: c.requiredString(o, 'serverId', w),
      weight: c.optionalInt(o, 'weight', w, 0, 100),
      serverIp: c.optionalString(o, 'serverIp', w),
      type: c.optionalEnum(o, 'type', w, ['ecs', 'eni', 'eci'] as const),
      vpcId: c.optionalString(o, 'vpcId', w),
      description: c.optionalString(o, 'description', w),
    };
  });
  const tags = c.optionalArray(l, 'tags', lw).map((rawT, i): SeedTag => {
    const w = `${lw}.tags[${i}]`;
    const o = c.object(rawT, w, ['tagKey', 'tagValue']);
    return { tagKey: c.requiredString(o, 'tagKey', w), tagValue: c.optionalString(o, 'tagValue', w) ?? '' };
  });
  const bandwidth = l.bandwidth;
  if (bandwidth !== undefined && (typeof bandwidth !== 'number' || !Number.isInteger(bandwidth))) {
    c.fail(`${lw}.bandwidth`, 'must be an integer (-1 for pay-by-traffic)');
  }
  return {
    regionId,
    loadBalancerId,
    loadBalancerName: c.optionalString(l, 'loadBalancerName', lw),
    loadBalancerStatus: c.optionalEnum(l, 'loadBalancerStatus', lw, ['active', 'inactive', 'locked'] as const),
    address: c.optionalString(l, 'address', lw),
    addressType: c.optionalEnum(l, 'addressType', lw, ['internet', 'intranet'] as const),
    addressIPVersion: c.optionalEnum(l, 'addressIPVersion', lw, ['ipv4', 'ipv6'] as const),
    networkType: c.optionalEnum(l, 'networkType', lw, ['vpc', 'classic'] as const),
    vpcId: c.optionalString(l, 'vpcId', lw),
    vSwitchId: c.optionalString(l, 'vSwitchId', lw),
    loadBalancerSpec: c.optionalString(l, 'loadBalancerSpec', lw),
    payType: c.optionalEnum(l, 'payType', lw, ['PayOnDemand', 'PrePay'] as const),
    internetChargeType: c.optionalEnum(l, 'internetChargeType', lw, ['paybytraffic', 'paybybandwidth'] as const),
    bandwidth: typeof bandwidth === 'number' ? bandwidth : undefined,
    masterZoneId: c.optionalString(l, 'masterZoneId', lw),
    slaveZoneId: c.optionalString(l, 'slaveZoneId', lw),
    resourceGroupId: c.optionalString(l, 'resourceGroupId', lw),
    deleteProtection: c.optionalEnum(l, 'deleteProtection', lw, ['on', 'off'] as const),
    createTime: c.optionalDate(l, 'createTime', lw),
    tags,
    listeners,
    backendServers,
  };
}
