import { LIST_ROLES_MAX_ITEMS } from '../../aliyun/roleService';
import { parseTrust } from '../../aliyun/roleTrust';
import type { RamRole } from '../../aliyun/types';
import type { ProfileSession } from '../../credentials/profileSessions';
import { UserFacingError } from '../../util/errors';
import { t } from '../../util/l10n';
import type { Log } from '../../util/log';
import { BackgroundPages, type Loaded } from './backgroundPages';

/** Who a trust policy names, in the three forms RAM writes (and the services and whatever else it may hold). */
export type TrustedPrincipal =
  /** `acs:ram::<id>:root` (or the bare account ID): every RAM user and role of that account. */
  | { readonly kind: 'account'; readonly principal: string; readonly accountId: string }
  | { readonly kind: 'user' | 'role'; readonly principal: string; readonly accountId: string; readonly name: string }
  /** An Alibaba Cloud service (`ecs.aliyuncs.com`): a service role, not something a person assumes. */
  | { readonly kind: 'service'; readonly principal: string }
  | { readonly kind: 'other'; readonly principal: string };

/** Who may assume a role, read from GetRole's trust policy. */
export interface RoleTrustInfo {
  /** The role as GetRole returns it (its trust policy included). */
  readonly role: RamRole;
  /** False when the trust policy is missing or not JSON we can read. */
  readonly readable: boolean;
  readonly principals: readonly TrustedPrincipal[];
  /** The `sts:ExternalId` the caller must pass, when the policy asks for one. */
  readonly externalId?: string;
}

const RAM_PRINCIPAL = /^acs:ram::(\d+):(root|user\/(.+)|role\/(.+))$/;

export function classifyPrincipal(principal: string): TrustedPrincipal {
  if (/^\d+$/.test(principal)) {
    return { kind: 'account', principal, accountId: principal };
  }
  const m = RAM_PRINCIPAL.exec(principal);
  if (!m) {
    return { kind: 'other', principal };
  }
  if (m[2] === 'root') {
    return { kind: 'account', principal, accountId: m[1] };
  }
  return m[3] !== undefined
    ? { kind: 'user', principal, accountId: m[1], name: m[3] }
    : { kind: 'role', principal, accountId: m[1], name: m[4] };
}

export function trustInfo(role: RamRole): RoleTrustInfo {
  const trust = parseTrust(role.assumeRolePolicyDocument);
  if (!trust) {
    return { role, readable: false, principals: [] };
  }
  return {
    role,
    readable: true,
    principals: [
      ...trust.principals.map(classifyPrincipal),
      ...trust.services.map((principal): TrustedPrincipal => ({ kind: 'service', principal })),
    ],
    externalId: trust.externalId,
  };
}

export interface RolesState {
  /** Roles loaded so far, in the order ListRoles returns them. */
  readonly roles: readonly RamRole[];
  readonly loading: boolean;
  readonly done: boolean;
  readonly error?: unknown;
}

/**
 * One generation's RAM roles: every ListRoles page, loaded in the background once asked for, and
 * who may assume each role (one GetRole per role, the first time the role is expanded or hovered).
 */
export class RolesBranch extends BackgroundPages<RamRole> {
  private readonly trusts = new Map<string, Promise<Loaded<RoleTrustInfo>>>();
  private readonly trustsLoaded = new Map<string, Loaded<RoleTrustInfo>>();

  constructor(
    private readonly sessionOf: () => Promise<ProfileSession | undefined>,
    private readonly current: () => boolean,
    changed: () => void,
    private readonly trustChanged: (roleName: string) => void,
    log: Log,
  ) {
    super(async (session, marker) => {
      const page = await session.session.roles.listRoles(marker, LIST_ROLES_MAX_ITEMS);
      return { items: page.roles, marker: page.marker };
    }, sessionOf, current, changed, log, 'roles');
  }

  state(): RolesState {
    return { roles: this.list, loading: this.loading, done: this.done, error: this.error };
  }

  /** The roles to show: those whose name or description holds the filter (case-insensitive), at most the display limit. */
  visible(filter: string): { roles: readonly RamRole[]; matching: number; total: number } {
    const needle = filter.toLowerCase();
    const { items, matching, total } = this.shown(needle
      ? (r) => r.roleName.toLowerCase().includes(needle) || (r.description ?? '').toLowerCase().includes(needle)
      : undefined);
    return { roles: items, matching, total };
  }

  /** Who may assume the role: GetRole once per generation, shared by every asker. */
  trust(roleName: string): Promise<Loaded<RoleTrustInfo>> {
    const key = roleName.toLowerCase();
    let pending = this.trusts.get(key);
    if (!pending) {
      pending = (async (): Promise<Loaded<RoleTrustInfo>> => {
        let result: Loaded<RoleTrustInfo>;
        try {
          const session = await this.sessionOf();
          if (!session) {
            throw new UserFacingError(t('There is no active profile (or its secret is missing). Add or select a profile first.'));
          }
          result = { ok: true, value: trustInfo(await session.session.roles.getRole(roleName)) };
        } catch (error) {
          result = { ok: false, error };
        }
        if (this.current() && this.trusts.get(key) === pending) {
          this.trustsLoaded.set(key, result);
          this.trustChanged(roleName);
        }
        return result;
      })();
      this.trusts.set(key, pending);
    }
    return pending;
  }

  /** The trust if already loaded (for the tooltip), without loading it. */
  loadedTrust(roleName: string): Loaded<RoleTrustInfo> | undefined {
    return this.trustsLoaded.get(roleName.toLowerCase());
  }

  /** After a failed GetRole: forget it, so the next look asks again. */
  retryTrust(roleName: string): void {
    const key = roleName.toLowerCase();
    this.trusts.delete(key);
    this.trustsLoaded.delete(key);
    this.trustChanged(roleName);
  }
}
