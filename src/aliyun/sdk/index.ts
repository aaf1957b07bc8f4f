// The SDK chunk: the only module that loads @alicloud/* at run time. esbuild emits it as
// dist/sdk.js, required on first use of a cloud call (see ../clientFactory.ts).
import Ims, * as $Ims from '@alicloud/ims20190815';
import Ram, * as $Ram from '@alicloud/ram20150501';
import Sts, * as $Sts from '@alicloud/sts20150401';
import type {
  AccessKeyStatus, CallerIdentity, ClientOptions, IdentityType, ImsApi, LoadBalancer, RamApi, RamRole, RoleApi, SdkModule, SlbApi, StsApi,
} from '../types';
import { toSdkConfig } from './config';
import SlbClient, { type LoadBalancerRaw } from './slb20140515';

const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

export function createRamApi(options: ClientOptions): RamApi {
  const client = new Ram(toSdkConfig(options));
  return {
    async listUsers(marker, maxItems) {
      const { body } = await client.listUsers(new $Ram.ListUsersRequest({ marker, maxItems }));
      const users = (body?.users?.user ?? []).map((u) => ({
        userName: s(u.userName), userId: s(u.userId), displayName: s(u.displayName), comments: u.comments,
        email: u.email, createDate: u.createDate, updateDate: u.updateDate,
      }));
      return { users, marker: body?.isTruncated ? body.marker : undefined };
    },
    async getUser(userName) {
      const { body } = await client.getUser(new $Ram.GetUserRequest({ userName }));
      const u = body?.user;
      return {
        userName: s(u?.userName), userId: s(u?.userId), displayName: s(u?.displayName), comments: u?.comments,
        email: u?.email, createDate: u?.createDate, updateDate: u?.updateDate, lastLoginDate: u?.lastLoginDate,
      };
    },
    async listAccessKeys(userName) {
      const { body } = await client.listAccessKeys(new $Ram.ListAccessKeysRequest({ userName }));
      return (body?.accessKeys?.accessKey ?? []).map((k) => ({
        accessKeyId: s(k.accessKeyId), status: s(k.status) as AccessKeyStatus, createDate: s(k.createDate),
      }));
    },
    async createAccessKey(userName) {
      const { body } = await client.createAccessKey(new $Ram.CreateAccessKeyRequest({ userName }));
      const k = body?.accessKey;
      return {
        accessKeyId: s(k?.accessKeyId), accessKeySecret: s(k?.accessKeySecret),
        status: s(k?.status) as AccessKeyStatus, createDate: s(k?.createDate),
      };
    },
    async updateAccessKey(userAccessKeyId, status, userName) {
      await client.updateAccessKey(new $Ram.UpdateAccessKeyRequest({ userAccessKeyId, status, userName }));
    },
    async deleteAccessKey(userAccessKeyId, userName) {
      await client.deleteAccessKey(new $Ram.DeleteAccessKeyRequest({ userAccessKeyId, userName }));
    },
    async getAccessKeyLastUsed(userAccessKeyId, userName) {
      const { body } = await client.getAccessKeyLastUsed(new $Ram.GetAccessKeyLastUsedRequest({ userAccessKeyId, userName }));
      return body?.accessKeyLastUsed?.lastUsedDate || undefined;
    },
    async createUser(userName, displayName) {
      const { body } = await client.createUser(new $Ram.CreateUserRequest({ userName, displayName }));
      const u = body?.user;
      return {
        userName: s(u?.userName), userId: s(u?.userId), displayName: s(u?.displayName), comments: u?.comments,
        email: u?.email, createDate: u?.createDate,
      };
    },
    async deleteUser(userName) {
      await client.deleteUser(new $Ram.DeleteUserRequest({ userName }));
    },
    async attachPolicyToUser(policyType, policyName, userName) {
      await client.attachPolicyToUser(new $Ram.AttachPolicyToUserRequest({ policyType, policyName, userName }));
    },
    async detachPolicyFromUser(policyType, policyName, userName) {
      await client.detachPolicyFromUser(new $Ram.DetachPolicyFromUserRequest({ policyType, policyName, userName }));
    },
    async listPoliciesForUser(userName) {
      const { body } = await client.listPoliciesForUser(new $Ram.ListPoliciesForUserRequest({ userName }));
      return policiesOf(body?.policies?.policy);
    },
  };
}

function policiesOf(list: Array<{ policyName?: string; policyType?: string }> | undefined) {
  return (list ?? []).map((p) => ({ policyName: s(p.policyName), policyType: s(p.policyType) }));
}

function toRole(r: { roleName?: string; roleId?: string; arn?: string; description?: string; maxSessionDuration?: number; createDate?: string; assumeRolePolicyDocument?: string } | undefined): RamRole {
  return {
    roleName: s(r?.roleName), roleId: s(r?.roleId), arn: s(r?.arn), description: r?.description || undefined,
    maxSessionDuration: typeof r?.maxSessionDuration === 'number' ? r.maxSessionDuration : undefined,
    createDate: r?.createDate || undefined, assumeRolePolicyDocument: r?.assumeRolePolicyDocument || undefined,
  };
}

export function createRoleApi(options: ClientOptions): RoleApi {
  const client = new Ram(toSdkConfig(options));
  return {
    async listRoles(marker, maxItems) {
      const { body } = await client.listRoles(new $Ram.ListRolesRequest({ marker, maxItems }));
      return { roles: (body?.roles?.role ?? []).map(toRole), marker: body?.isTruncated ? body.marker : undefined };
    },
    async getRole(roleName) {
      const { body } = await client.getRole(new $Ram.GetRoleRequest({ roleName }));
      return toRole(body?.role);
    },
    async listPoliciesForUser(userName) {
      const { body } = await client.listPoliciesForUser(new $Ram.ListPoliciesForUserRequest({ userName }));
      return policiesOf(body?.policies?.policy);
    },
    async listPoliciesForRole(roleName) {
      const { body } = await client.listPoliciesForRole(new $Ram.ListPoliciesForRoleRequest({ roleName }));
      return policiesOf(body?.policies?.policy);
    },
  };
}

export function createStsApi(options: ClientOptions): StsApi {
  const client = new Sts(toSdkConfig(options));
  return {
    async getCallerIdentity(): Promise<CallerIdentity> {
      const { body } = await client.getCallerIdentity();
      return {
        identityType: s(body?.identityType) as IdentityType,
        accountId: s(body?.accountId),
        principalId: s(body?.principalId),
        userId: body?.userId || undefined,
        roleId: body?.roleId || undefined,
        arn: s(body?.arn),
      };
    },
    async assumeRole(request) {
      const { body } = await client.assumeRole(new $Sts.AssumeRoleRequest(request));
      const c = body?.credentials;
      return {
        accessKeyId: s(c?.accessKeyId), accessKeySecret: s(c?.accessKeySecret), securityToken: s(c?.securityToken), expiration: s(c?.expiration),
        arn: s(body?.assumedRoleUser?.arn), assumedRoleId: s(body?.assumedRoleUser?.assumedRoleId),
      };
    },
  };
}

function toLoadBalancer(raw: LoadBalancerRaw, regionId: string): LoadBalancer {
  return {
    loadBalancerId: s(raw.LoadBalancerId),
    loadBalancerName: s(raw.LoadBalancerName),
    loadBalancerStatus: s(raw.LoadBalancerStatus),
    address: s(raw.Address),
    addressType: s(raw.AddressType),
    networkType: s(raw.NetworkType),
    regionId: raw.RegionId || regionId,
    vpcId: raw.VpcId || undefined,
    vSwitchId: raw.VSwitchId || undefined,
    loadBalancerSpec: raw.LoadBalancerSpec || undefined,
    payType: raw.PayType || undefined,
    createTime: raw.CreateTime || undefined,
    masterZoneId: raw.MasterZoneId || undefined,
    slaveZoneId: raw.SlaveZoneId || undefined,
    addressIPVersion: raw.AddressIPVersion || undefined,
    // The code is "3"/"4" in the model docs, the alias the readable name.
    internetChargeType: raw.InternetChargeTypeAlias
      || ({ '3': 'paybybandwidth', '4': 'paybytraffic' } as Record<string, string>)[s(raw.InternetChargeType)]
      || raw.InternetChargeType || undefined,
    bandwidth: typeof raw.Bandwidth === 'number' ? raw.Bandwidth : undefined,
    resourceGroupId: raw.ResourceGroupId || undefined,
    deleteProtection: raw.DeleteProtection || undefined,
    tags: raw.Tags?.Tag?.map((tag) => ({ key: s(tag.TagKey), value: s(tag.TagValue) })),
  };
}

export function createSlbApi(options: ClientOptions): SlbApi {
  const client = new SlbClient(toSdkConfig(options));
  return {
    async describeRegions(acceptLanguage) {
      const { body } = await client.describeRegions({ acceptLanguage });
      return (body?.Regions?.Region ?? []).map((r) => ({
        regionId: s(r.RegionId), localName: s(r.LocalName), regionEndpoint: s(r.RegionEndpoint),
      }));
    },
    async describeLoadBalancers(regionId, pageNumber, pageSize) {
      const { body } = await client.describeLoadBalancers({ regionId, pageNumber, pageSize });
      return {
        loadBalancers: (body?.LoadBalancers?.LoadBalancer ?? []).map((lb) => toLoadBalancer(lb, regionId)),
        totalCount: Number(body?.TotalCount ?? 0),
        pageNumber: Number(body?.PageNumber ?? pageNumber),
        pageSize: Number(body?.PageSize ?? pageSize),
      };
    },
    async describeLoadBalancerAttribute(regionId, loadBalancerId) {
      const { body } = await client.describeLoadBalancerAttribute({ regionId, loadBalancerId });
      const listeners = body?.ListenerPortsAndProtocol?.ListenerPortAndProtocol?.map((l) => ({
        port: Number(l.ListenerPort), protocol: s(l.ListenerProtocol),
        forward: l.ListenerForward || undefined, forwardPort: l.ForwardPort || undefined, description: l.Description || undefined,
      }))
        ?? body?.ListenerPortsAndProtocal?.ListenerPortAndProtocal?.map((l) => ({ port: Number(l.ListenerPort), protocol: s(l.ListenerProtocal) }))
        ?? [];
      const backendServers = (body?.BackendServers?.BackendServer ?? []).map((b) => ({
        serverId: s(b.ServerId), weight: Number(b.Weight ?? 0), serverIp: b.ServerIp || undefined, type: b.Type || undefined,
        description: b.Description || undefined,
      }));
      return { ...toLoadBalancer(body, regionId), listeners, backendServers };
    },
  };
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function createImsApi(options: ClientOptions): ImsApi {
  const client = new Ims(toSdkConfig(options));
  return {
    async generateCredentialReport() {
      const { body } = await client.generateCredentialReport();
      return s(body?.state);
    },
    async getCredentialReport(nextToken, maxItems) {
      const { body } = await client.getCredentialReport(new $Ims.GetCredentialReportRequest({ nextToken, maxItems }));
      // IsTruncated is a string in the API ("true"/"false"); a boolean is accepted too.
      const truncated = String(body?.isTruncated).toLowerCase() === 'true';
      return {
        csv: Buffer.from(s(body?.content), 'base64').toString('utf8'),
        generatedTime: s(body?.generatedTime),
        nextToken: truncated && body?.nextToken ? body.nextToken : undefined,
      };
    },
    async getAccountSecurityPracticeReport() {
      const { body } = await client.getAccountSecurityPracticeReport();
      const info = body?.accountSecurityPracticeInfo;
      const u = info?.accountSecurityPracticeUserInfo;
      return {
        score: num(info?.score), rootWithAccessKey: num(u?.rootWithAccessKey),
        rootBindMfa: typeof u?.bindMfa === 'boolean' ? u.bindMfa : undefined,
        subUsers: num(u?.subUser), subUsersWithMfa: num(u?.subUserBindMfa),
        subUsersWithOldKey: num(u?.subUserWithOldAccessKey), subUsersWithUnusedKey: num(u?.subUserWithUnusedAccessKey),
        oldKeys: num(u?.oldAkNum), unusedKeys: num(u?.unusedAkNum), passwordLevel: u?.subUserPwdLevel || undefined,
      };
    },
  };
}

// Compile-time check that this module satisfies the contract the light code relies on.
const sdkModule: SdkModule = { createRamApi, createRoleApi, createStsApi, createSlbApi, createImsApi };
void sdkModule;
