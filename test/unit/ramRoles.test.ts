import * as assert from 'node:assert/strict';
import type { CloudSession } from '../../src/aliyun/clientFactory';
import { ramRoleConsoleUrl } from '../../src/aliyun/console';
import { policyFor } from '../../src/aliyun/errors';
import type { RoleService } from '../../src/aliyun/roleService';
import type { RamRole, RolesPage } from '../../src/aliyun/types';
import type { Profile } from '../../src/credentials/profile';
import { Emitter } from '../../src/util/events';
import { RamExplorerModel, type RamChange } from '../../src/views/ram/ramModel';
import { classifyPrincipal } from '../../src/views/ram/ramRoles';
import { MemoryLog } from './fakes';
import { aliyunError, FakeCloud } from './ramFakes';

const ACCOUNT = '3000000000000000';
const ADMIN = { accessKeyId: 'LTAI5tRoleUnitAdmin00001', accessKeySecret: 'unit-secret-roles-not-real-01' };

function trustDocument(principals: string | string[], externalId?: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    Version: '1',
    Statement: [{
      Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { RAM: principals, ...extra },
      ...(externalId ? { Condition: { StringEquals: { 'sts:ExternalId': externalId } } } : {}),
    }],
  });
}

/** ListRoles and GetRole over a list of roles, Marker-paged like RAM; everything else is not called here. */
class FakeRoles {
  readonly roles: RamRole[] = [];
  readonly documents = new Map<string, string>();
  readonly calls: string[] = [];
  /** ListRoles and GetRole answer these errors (by action) until emptied. */
  readonly failing = new Map<string, Error>();
  /** Each ListRoles waits for this first. */
  gate: Promise<void> = Promise.resolve();

  add(roleName: string, description?: string, document?: string, maxSessionDuration = 3600): RamRole {
    const role = { roleName, roleId: String(this.roles.length + 1), arn: `acs:ram::${ACCOUNT}:role/${roleName.toLowerCase()}`, description, maxSessionDuration };
    this.roles.push(role);
    if (document !== undefined) {
      this.documents.set(roleName.toLowerCase(), document);
    }
    return role;
  }

  service(): RoleService {
    const fail = (action: string) => {
      const error = this.failing.get(action);
      if (error) {
        throw error;
      }
    };
    const listRoles = async (marker?: string, maxItems = 100): Promise<RolesPage> => {
      this.calls.push(`ListRoles:${marker ?? 'first'}:${maxItems}`);
      await this.gate;
      fail(`ListRoles:${marker ?? 'first'}`);
      fail('ListRoles');
      const start = marker ? Number(marker) : 0;
      return { roles: this.roles.slice(start, start + maxItems), marker: start + maxItems < this.roles.length ? String(start + maxItems) : undefined };
    };
    return {
      listRoles,
      listAllRoles: () => Promise.reject(new Error('not used')),
      getRole: async (roleName) => {
        this.calls.push(`GetRole:${roleName}`);
        await new Promise((r) => setTimeout(r, 1));
        fail('GetRole');
        const role = this.roles.find((r) => r.roleName.toLowerCase() === roleName.toLowerCase());
        if (!role) {
          throw aliyunError('notFound', 'EntityNotExist.Role', 'GetRole');
        }
        return { ...role, assumeRolePolicyDocument: this.documents.get(roleName.toLowerCase()) };
      },
      listPoliciesForUser: () => Promise.reject(new Error('not used')),
      listPoliciesForRole: () => Promise.reject(new Error('not used')),
      assumeRole: () => Promise.reject(new Error('not used')),
    };
  }

  count(prefix: string): number {
    return this.calls.filter((c) => c.startsWith(prefix)).length;
  }
}

function profile(id: string): Profile {
  return { id, name: id, kind: 'AccessKey', accessKeyId: ADMIN.accessKeyId, regionId: 'cn-hangzhou', source: 'manual', createdAt: '2026-01-01T00:00:00Z' };
}

function sessionOf(roles: FakeRoles, id = 'admin'): { profile: Profile; session: CloudSession } {
  const cloud = new FakeCloud();
  cloud.addKey(cloud.addUser('admin', true), ADMIN.accessKeyId, ADMIN.accessKeySecret);
  return { profile: profile(id), session: { ...cloud.session(ADMIN), roles: roles.service() } as unknown as CloudSession };
}

function setup(roles = new FakeRoles()) {
  const sessionChanged = new Emitter<unknown>();
  let current = sessionOf(roles);
  const model = new RamExplorerModel(
    { active: async () => ({ ...current, generation: 0 }), onDidChange: sessionChanged.event },
    { list: async () => [current.profile], onDidChange: new Emitter<void>().event },
    new MemoryLog(),
  );
  const changes: RamChange[] = [];
  model.onDidChange((c) => changes.push(c));
  return {
    roles, model, changes,
    switchTo(next: { profile: Profile; session: CloudSession }) {
      current = next;
      sessionChanged.fire(undefined);
    },
  };
}

function manyRoles(n: number): FakeRoles {
  const roles = new FakeRoles();
  for (let i = 0; i < n; i++) {
    roles.add(`role-${String(i).padStart(5, '0')}`, `Role number ${i}`);
  }
  return roles;
}

describe('RAM roles in the RAM view', () => {
  it('loads every ListRoles page, 1,000 at a time, in the background, and shows a thousand at a time', async () => {
    const { model, roles, changes } = setup(manyRoles(2345));
    await model.roles.load();
    assert.ok(model.roles.state().roles.length >= 1000, 'the first page is in at once');
    await model.roles.whenLoaded();
    const state = model.roles.state();
    assert.equal(state.roles.length, 2345);
    assert.equal(state.done, true);
    assert.equal(state.loading, false);
    assert.deepEqual(roles.calls, ['ListRoles:first:1000', 'ListRoles:1000:1000', 'ListRoles:2000:1000']);
    assert.ok(changes.filter((c) => c.kind === 'roles').length >= 3, 'the view hears of each page');
    assert.equal(model.roles.visible('').roles.length, 1000);
    model.roles.showMore();
    assert.equal(model.roles.visible('').roles.length, 2000);
    model.roles.showMore();
    assert.deepEqual(model.roles.visible(''), { roles: state.roles, matching: 2345, total: 2345 });
    await model.roles.whenLoaded();
    assert.equal(roles.count('ListRoles'), 3, 'loaded once per generation');
  });

  it('finds roles by name or description with the view\'s filter, which filters users too', async () => {
    const roles = manyRoles(30);
    roles.add('Deployer', 'CI deploys the shop');
    roles.add('auditor', 'Reads everything for the DEPLOY review');
    const { model } = setup(roles);
    await model.roles.whenLoaded();
    await model.whenUsersLoaded();
    model.setFilter('  deploy ');
    assert.deepEqual(model.roles.visible(model.filter).roles.map((r) => r.roleName), ['Deployer', 'auditor']);
    assert.equal(model.roles.visible(model.filter).matching, 2);
    assert.equal(model.visibleUsers().matching, 0, 'one filter for the whole view');
    model.setFilter('NUMBER 2');
    assert.equal(model.roles.visible(model.filter).matching, 11, 'role number 2 and 20–29');
    model.setFilter('');
    assert.equal(model.roles.visible(model.filter).matching, 32);
  });

  it('reads who may assume a role: an account, a user, a role, a service, and the external ID', async () => {
    const roles = new FakeRoles();
    roles.add('deployer', 'CI', trustDocument([
      `acs:ram::${ACCOUNT}:root`, `acs:ram::${ACCOUNT}:user/ops-admin`, `acs:ram::${ACCOUNT}:role/broker`, 'acs:ram::1234567890123456:user/partner',
    ], 'abc-123', { Service: 'ecs.aliyuncs.com' }), 7200);
    const { model, changes } = setup(roles);
    // Expanding and hovering at once ask GetRole once.
    const [expanded, hovered] = await Promise.all([model.roles.trust('deployer'), model.roles.trust('Deployer')]);
    assert.equal(expanded, hovered);
    assert.equal(roles.count('GetRole'), 1);
    assert.ok(expanded.ok);
    assert.equal(expanded.value.readable, true);
    assert.deepEqual(expanded.value.principals, [
      { kind: 'account', principal: `acs:ram::${ACCOUNT}:root`, accountId: ACCOUNT },
      { kind: 'user', principal: `acs:ram::${ACCOUNT}:user/ops-admin`, accountId: ACCOUNT, name: 'ops-admin' },
      { kind: 'role', principal: `acs:ram::${ACCOUNT}:role/broker`, accountId: ACCOUNT, name: 'broker' },
      { kind: 'user', principal: 'acs:ram::1234567890123456:user/partner', accountId: '1234567890123456', name: 'partner' },
      { kind: 'service', principal: 'ecs.aliyuncs.com' },
    ]);
    assert.equal(expanded.value.externalId, 'abc-123');
    assert.equal(expanded.value.role.maxSessionDuration, 7200);
    assert.deepEqual(model.roles.loadedTrust('DEPLOYER'), expanded, 'the tooltip reads it without asking');
    assert.deepEqual(changes.filter((c) => c.kind === 'trust'), [{ kind: 'trust', roleName: 'deployer' }]);
    await model.roles.trust('deployer');
    assert.equal(roles.count('GetRole'), 1, 'cached for the generation');
  });

  it('reads a single principal string, a bare account ID, no condition, no one, and a policy it cannot read', async () => {
    const roles = new FakeRoles();
    roles.add('single', undefined, trustDocument(`acs:ram::${ACCOUNT}:user/alice`));
    roles.add('bare', undefined, trustDocument('1234567890123456'));
    roles.add('nobody', undefined, JSON.stringify({ Version: '1', Statement: [] }));
    roles.add('denied', undefined, JSON.stringify({ Version: '1', Statement: [{ Action: 'sts:AssumeRole', Effect: 'Deny', Principal: { RAM: ['acs:ram::1:root'] } }] }));
    roles.add('garbled', undefined, '{not json');
    roles.add('missing');
    const { model } = setup(roles);
    const read = async (name: string) => {
      const loaded = await model.roles.trust(name);
      assert.ok(loaded.ok, name);
      return loaded.value;
    };
    const single = await read('single');
    assert.deepEqual(single.principals, [{ kind: 'user', principal: `acs:ram::${ACCOUNT}:user/alice`, accountId: ACCOUNT, name: 'alice' }]);
    assert.equal(single.externalId, undefined);
    assert.deepEqual((await read('bare')).principals, [{ kind: 'account', principal: '1234567890123456', accountId: '1234567890123456' }]);
    assert.deepEqual(await read('nobody').then((t) => [t.readable, t.principals]), [true, []]);
    assert.deepEqual((await read('denied')).principals, [], 'a Deny statement lets no one in');
    assert.equal((await read('garbled')).readable, false);
    assert.equal((await read('missing')).readable, false);
    assert.deepEqual(classifyPrincipal('acs:ram::123:saml-provider/corp'), { kind: 'other', principal: 'acs:ram::123:saml-provider/corp' });
  });

  it('a profile that may not read RAM gets the error (naming AliyunRAMReadOnlyAccess), and Retry asks again', async () => {
    const roles = manyRoles(5);
    roles.failing.set('ListRoles', aliyunError('noPermission', 'NoPermission', 'ListRoles'));
    const { model } = setup(roles);
    await model.roles.whenLoaded();
    const failed = model.roles.state();
    assert.equal(failed.roles.length, 0);
    assert.equal((failed.error as { kind?: string }).kind, 'noPermission');
    assert.equal(failed.loading, false);
    assert.equal(policyFor('ram:ListRoles'), 'AliyunRAMReadOnlyAccess', 'the message names the read-only policy');
    assert.equal(policyFor('ram:GetRole'), 'AliyunRAMReadOnlyAccess');
    roles.failing.clear();
    model.roles.retry();
    await model.roles.whenLoaded();
    assert.equal(model.roles.state().roles.length, 5);
    assert.equal(model.roles.state().error, undefined);
    assert.equal(roles.count('ListRoles'), 2);
  });

  it('keeps the roles it has when a later page fails, and Retry continues from that page', async () => {
    const roles = manyRoles(1500);
    roles.failing.set('ListRoles:1000', new Error('network'));
    const { model } = setup(roles);
    await model.roles.whenLoaded();
    assert.equal(model.roles.state().roles.length, 1000);
    assert.ok(model.roles.state().error);
    roles.failing.clear();
    model.roles.retry();
    await model.roles.whenLoaded();
    const after = model.roles.state();
    assert.equal(after.roles.length, 1500);
    assert.equal(new Set(after.roles.map((r) => r.roleName)).size, 1500, 'no role twice');
    assert.deepEqual(roles.calls, ['ListRoles:first:1000', 'ListRoles:1000:1000', 'ListRoles:1000:1000']);
  });

  it('a failed GetRole is an error for that role only; Retry asks again', async () => {
    const roles = new FakeRoles();
    roles.add('deployer', 'CI', trustDocument(`acs:ram::${ACCOUNT}:user/ops-admin`, 'x-1'));
    roles.failing.set('GetRole', aliyunError('noPermission', 'NoPermission', 'GetRole'));
    const { model, changes } = setup(roles);
    const failed = await model.roles.trust('deployer');
    assert.equal(failed.ok, false);
    assert.deepEqual(model.roles.loadedTrust('deployer'), failed);
    roles.failing.clear();
    assert.equal((await model.roles.trust('deployer')).ok, false, 'no second call without Retry');
    model.roles.retryTrust('deployer');
    assert.equal(model.roles.loadedTrust('deployer'), undefined);
    const again = await model.roles.trust('deployer');
    assert.ok(again.ok && again.value.externalId === 'x-1');
    assert.equal(roles.count('GetRole'), 2);
    assert.equal(changes.filter((c) => c.kind === 'trust').length, 3, 'failed, forgotten, loaded');
  });

  it('drops the roles and trusts of the previous profile', async () => {
    const old = manyRoles(3);
    old.add('old-role', undefined, trustDocument(`acs:ram::${ACCOUNT}:root`));
    let release: () => void = () => undefined;
    old.gate = new Promise<void>((r) => (release = r));
    const t = setup(old);
    const oldBranch = t.model.roles;
    const firstLoad = oldBranch.load();
    const pendingTrust = oldBranch.trust('old-role');
    const fresh = manyRoles(2);
    t.switchTo(sessionOf(fresh, 'other'));
    assert.notEqual(t.model.roles, oldBranch, 'a new generation has its own roles');
    await t.model.roles.whenLoaded();
    release();
    await firstLoad;
    await pendingTrust;
    await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(t.model.roles.state().roles.map((r) => r.roleName), ['role-00000', 'role-00001']);
    assert.equal(t.model.roles.loadedTrust('old-role'), undefined);
    assert.ok(!t.changes.some((c) => c.kind === 'trust'), 'the old account\'s trust reached the view');
  });

  it('links a role to its page in the RAM console of the account\'s site', () => {
    assert.equal(ramRoleConsoleUrl('china', 'deployer'), 'https://ram.console.aliyun.com/roles/detail?roleName=deployer');
    assert.equal(ramRoleConsoleUrl('international', 'a b&c'), 'https://ram.console.alibabacloud.com/roles/detail?roleName=a%20b%26c');
    assert.equal(ramRoleConsoleUrl('international'), 'https://ram.console.alibabacloud.com/roles');
  });
});
