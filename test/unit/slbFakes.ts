// Stand-ins for the SLB/STS/RAM services of one account, for the SLB view and diagnosis unit tests.
import type { ImsService } from '../../src/aliyun/imsService';
import type { CloudSession } from '../../src/aliyun/clientFactory';
import { ThrottleGate } from '../../src/util/throttle';
import { AliyunError, type ErrorKind } from '../../src/aliyun/errors';
import type { RamService } from '../../src/aliyun/ramService';
import type { RegionScan, SlbService } from '../../src/aliyun/slbService';
import type { StsService } from '../../src/aliyun/stsService';
import type { AccessKeyInfo, CallerIdentity, LoadBalancer, LoadBalancerDetail, LoadBalancersPage, SlbRegion } from '../../src/aliyun/types';
import type { ActiveSession } from '../../src/credentials/profileSessions';
import type { Profile } from '../../src/credentials/profile';
import { Emitter } from '../../src/util/events';
import type { RoleService } from '../../src/aliyun/roleService';

export function fail(kind: ErrorKind, code: string, extra: Partial<ConstructorParameters<typeof AliyunError>[0]> = {}): AliyunError {
  return new AliyunError({ kind, code, message: `message for ${code}`, product: 'slb', action: 'Fake', endpoint: 'slb.example', ...extra });
}

export function lb(regionId: string, n: number, extra: Partial<LoadBalancer> = {}): LoadBalancer {
  return {
    loadBalancerId: `lb-${regionId}-${n}`, loadBalancerName: `name-${regionId}-${n}`, loadBalancerStatus: 'active',
    address: `10.0.${n >> 8}.${n & 255}`, addressType: 'intranet', networkType: 'vpc', regionId, ...extra,
  };
}

/** SLB of a fake account: instances per region, failures per region or action, and a record of calls. */
export class FakeSlb implements SlbService {
  readonly calls: string[] = [];
  readonly failures = new Map<string, AliyunError>();
  inFlight = 0;
  maxInFlight = 0;
  /** Held until released, to test answers that arrive after a profile switch. */
  gate?: Promise<void>;

  constructor(readonly regions: SlbRegion[], readonly instances: Map<string, LoadBalancer[]>) {}

  static withCounts(counts: Record<string, number>, allRegions: string[] = Object.keys(counts)): FakeSlb {
    const regions = allRegions.map((regionId) => ({ regionId, localName: `Local ${regionId}`, regionEndpoint: 'slb.aliyuncs.com' }));
    const instances = new Map(Object.entries(counts).map(([r, n]) => [r, Array.from({ length: n }, (_, i) => lb(r, i))]));
    return new FakeSlb(regions, instances);
  }

  private async call<T>(what: string, key: string, result: () => T): Promise<T> {
    this.calls.push(what);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise((r) => setTimeout(r, 1));
      if (this.gate) {
        await this.gate;
      }
      const failure = this.failures.get(key) ?? this.failures.get(what.split(' ')[0]);
      if (failure) {
        throw failure;
      }
      return result();
    } finally {
      this.inFlight--;
    }
  }

  describeRegions(acceptLanguage?: string): Promise<SlbRegion[]> {
    return this.call(`DescribeRegions ${acceptLanguage ?? ''}`.trim(), 'DescribeRegions', () => this.regions);
  }

  describeLoadBalancers(regionId: string, pageNumber = 1, pageSize = 100): Promise<LoadBalancersPage> {
    return this.call(`DescribeLoadBalancers ${regionId} ${pageNumber}`, regionId, () => {
      const all = this.instances.get(regionId) ?? [];
      return { loadBalancers: all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize), totalCount: all.length, pageNumber, pageSize };
    });
  }

  async listAllLoadBalancers(regionId: string): Promise<LoadBalancer[]> {
    const first = await this.describeLoadBalancers(regionId, 1, 100);
    const rest = [];
    for (let p = 2; (p - 1) * 100 < first.totalCount; p++) {
      rest.push(await this.describeLoadBalancers(regionId, p, 100));
    }
    return [first, ...rest].flatMap((p) => p.loadBalancers);
  }

  async scanRegions(regionIds: readonly string[], onRegion?: (scan: RegionScan) => void): Promise<RegionScan[]> {
    const out: RegionScan[] = [];
    for (const regionId of regionIds) {
      let scan: RegionScan;
      try {
        scan = { regionId, loadBalancers: await this.listAllLoadBalancers(regionId) };
      } catch (error) {
        scan = { regionId, error };
      }
      onRegion?.(scan);
      out.push(scan);
    }
    return out;
  }

  describeLoadBalancerAttribute(regionId: string, loadBalancerId: string): Promise<LoadBalancerDetail> {
    return this.call(`DescribeLoadBalancerAttribute ${loadBalancerId}`, loadBalancerId, () => {
      const found = (this.instances.get(regionId) ?? []).find((x) => x.loadBalancerId === loadBalancerId);
      if (!found) {
        throw fail('notFound', 'InvalidLoadBalancerId.NotFound');
      }
      return { ...found, listeners: [{ port: 80, protocol: 'http' }], backendServers: [{ serverId: 'i-1', weight: 100 }] };
    });
  }
}

export const rootIdentity = (accountId: string): CallerIdentity => ({
  identityType: 'Account', accountId, principalId: accountId, userId: accountId, arn: `acs:ram::${accountId}:root`,
});
export const userIdentity = (accountId: string, userName: string): CallerIdentity => ({
  identityType: 'RAMUser', accountId, principalId: '2000', userId: '2000', arn: `acs:ram::${accountId}:user/${userName}`,
});

/** A whole session: STS answers `identity` (or throws), SLB is `slb`, RAM lists `keys` per user. */
export function fakeSession(options: {
  identity?: CallerIdentity | AliyunError;
  slb?: SlbService;
  ownKeys?: string[] | AliyunError;
  usersKeys?: Record<string, string[]> | AliyunError;
  /** Roles and AssumeRole, when a test needs them. */
  roles?: RoleService;
  calls?: string[];
}): CloudSession {
  const calls = options.calls ?? [];
  const sts: StsService = {
    async getCallerIdentity() {
      calls.push('GetCallerIdentity');
      if (!options.identity || options.identity instanceof AliyunError) {
        throw options.identity ?? fail('unknown', 'NoIdentity');
      }
      return options.identity;
    },
  };
  const keys = (ids: string[]): AccessKeyInfo[] => ids.map((accessKeyId) => ({ accessKeyId, status: 'Active', createDate: '2025-01-01T00:00:00Z' }));
  const ram = {
    async listAccessKeys(userName?: string) {
      calls.push(`ListAccessKeys ${userName ?? '(own)'}`);
      if (userName === undefined) {
        if (!options.ownKeys || options.ownKeys instanceof AliyunError) {
          throw options.ownKeys ?? fail('noPermission', 'NoPermission');
        }
        return keys(options.ownKeys);
      }
      if (options.usersKeys instanceof AliyunError || !options.usersKeys) {
        throw options.usersKeys ?? fail('noPermission', 'NoPermission');
      }
      return keys(options.usersKeys[userName] ?? []);
    },
    async listAllUsers() {
      calls.push('ListUsers');
      if (!options.usersKeys || options.usersKeys instanceof AliyunError) {
        throw options.usersKeys ?? fail('noPermission', 'NoPermission');
      }
      return Object.keys(options.usersKeys).map((userName) => ({ userName, userId: userName, displayName: userName }));
    },
  } as unknown as RamService;
  return {
    ram,
    sts,
    slb: options.slb ?? FakeSlb.withCounts({}),
    roles: options.roles ?? ({} as RoleService),
    ims: {} as ImsService,
    throttle: new ThrottleGate(),
    endpoint: (product, regionId) => ({ host: `${product}.${regionId ?? 'central'}.example`, protocol: 'https' }),
  };
}

export function profile(id: string, extra: Partial<Profile> = {}): Profile {
  return {
    id, name: `profile-${id}`, kind: 'AccessKey', accessKeyId: `LTAI5tFake${id.padEnd(14, '0')}`, regionId: 'cn-hangzhou',
    source: 'manual', createdAt: '2025-01-01T00:00:00Z', ...extra,
  };
}

/** ProfileSessions' shape for the model: switch() changes the profile and fires onDidChange. */
export class FakeSessions {
  private readonly changed = new Emitter<unknown>();
  readonly onDidChange = this.changed.event;
  private generation = 0;

  constructor(private value: { profile: Profile; session: CloudSession } | undefined) {}

  async active(): Promise<ActiveSession | undefined> {
    return this.value ? { ...this.value, generation: this.generation } : undefined;
  }

  switch(value: { profile: Profile; session: CloudSession } | undefined): void {
    this.value = value;
    this.generation++;
    this.changed.fire(value?.profile);
  }
}
