import type { ApiCaller } from './call';
import { allPages } from './paging';
import type { AssumedRole, AssumeRoleRequest, AttachedPolicy, RamRole, RoleApi, RolesPage, StsApi } from './types';

/** The largest page ListRoles allows. */
export const LIST_ROLES_MAX_ITEMS = 1000;

/** RAM roles, who may assume them, and STS AssumeRole itself. */
export interface RoleService {
  listRoles(marker?: string, maxItems?: number): Promise<RolesPage>;
  /** Every role, page after page; `onPage` sees each page as it lands. */
  listAllRoles(onPage?: (roles: readonly RamRole[]) => void): Promise<RamRole[]>;
  /** With the trust policy (AssumeRolePolicyDocument). */
  getRole(roleName: string): Promise<RamRole>;
  listPoliciesForUser(userName: string): Promise<AttachedPolicy[]>;
  listPoliciesForRole(roleName: string): Promise<AttachedPolicy[]>;
  assumeRole(request: AssumeRoleRequest): Promise<AssumedRole>;
}

export class AliyunRoleService implements RoleService {
  constructor(
    private readonly ram: () => RoleApi,
    private readonly ramCaller: ApiCaller,
    private readonly sts: () => StsApi,
    private readonly stsCaller: ApiCaller,
  ) {}

  listRoles(marker?: string, maxItems = LIST_ROLES_MAX_ITEMS): Promise<RolesPage> {
    return this.ramCaller.read('ListRoles', () => this.ram().listRoles(marker, maxItems));
  }

  listAllRoles(onPage?: (roles: readonly RamRole[]) => void): Promise<RamRole[]> {
    return allPages(async (marker) => {
      const page = await this.listRoles(marker);
      return { items: page.roles, marker: page.marker };
    }, onPage);
  }

  getRole(roleName: string): Promise<RamRole> {
    return this.ramCaller.read('GetRole', () => this.ram().getRole(roleName));
  }

  listPoliciesForUser(userName: string): Promise<AttachedPolicy[]> {
    return this.ramCaller.read('ListPoliciesForUser', () => this.ram().listPoliciesForUser(userName));
  }

  listPoliciesForRole(roleName: string): Promise<AttachedPolicy[]> {
    return this.ramCaller.read('ListPoliciesForRole', () => this.ram().listPoliciesForRole(roleName));
  }

  /** Issuing a token changes nothing that a second try would double, so it is retried like a read. */
  assumeRole(request: AssumeRoleRequest): Promise<AssumedRole> {
    return this.stsCaller.read('AssumeRole', () => this.sts().assumeRole(request));
  }
}
